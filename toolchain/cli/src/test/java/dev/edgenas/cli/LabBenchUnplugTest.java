package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.android.sim.AdbdSimulator;
import dev.edgenas.android.sim.DeviceDescription;
import dev.edgenas.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench cycle against the simulated phone (adbd simulator behind the real adb) and the
 * simulated GAP8 board (host-sim firmware behind a socat pty pair), each unplugged in the middle of
 * its profile: the run reports both, keeps the partial tables and exits 1; after plugging them in
 * again a rerun resumes and completes; with both gone, a run reports them vanished.
 */
class LabBenchUnplugTest {
    private static final String DATE = "2026-04-01";

    @TempDir
    Path tmp;
    LabScripts lab;
    AdbdSimulator phone;
    Process board;

    @AfterEach
    void tearDown() throws Exception {
        if (phone != null) {
            phone.stop();
        }
        if (board != null) {
            board.destroy();
        }
        lab.killAdbServer();
    }

    private String[] args(Path model) {
        return new String[] {"--tables", tmp.resolve("tables").toString(), "--work", tmp.resolve("work").toString(),
            "--model", model.toString(), "--date", DATE, "--only", "^(android|gap8)",
            "--connect", "127.0.0.1:" + phone.port(), "--ports", tmp.resolve("uart").toString(), "--listen-ms", "300",
            // Groups of 8: checkpoints come early enough to pull the plug in the middle.
            "--profile-args", "--group-size 8 --min-samples 10 --max-samples 40 --target-ci 0.05 --max-seconds-per-entry 1",
            "--gap8-args", "--platform host-sim --sim-tty " + tmp.resolve("fw") + " --work-dir " + tmp.resolve("gap8-runs")
                + " --reps 20"};
    }

    private Path dated(String device) {
        return tmp.resolve("tables/history").resolve(device).resolve(DATE + ".json");
    }

    /** Waits until the device's dated table is a checkpoint holding some entries. */
    private void awaitCheckpoint(Path table, Process script, Path log) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < end && script.isAlive()) {
            if (Files.exists(table)) {
                JsonNode t = Json.readTree(table);
                if (!t.get("complete").asBoolean() && t.get("entries").size() > 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        fail("no checkpoint of " + table + " while the script ran:\n" + Files.readString(log));
    }

    private Map<String, JsonNode> summary() {
        Map<String, JsonNode> m = new TreeMap<>();
        for (JsonNode d : LabScripts.json(tmp.resolve("work/last-summary.json")).get("devices")) {
            m.put(d.get("name").asText(), d);
        }
        return m;
    }

    @Test
    void devicesUnpluggedMidRunKeepPartialTablesAndARerunCompletes() throws Exception {
        lab = new LabScripts(tmp);
        Path model = tmp.resolve("tiny.onnx");
        assertEquals(0, CliRunner.run("model", "build", "--preset", "tiny", "--out", model.toString()).code());
        phone = AdbdSimulator.start(0, tmp.resolve("phone"), DeviceDescription.typical());
        board = LabScripts.ptyPair(tmp.resolve("uart"), tmp.resolve("fw"));
        String android = "android-127.0.0.1-" + phone.port();

        Path log = tmp.resolve("run1.log");
        Process run1 = lab.start(log, "lab-bench.sh", args(model));
        awaitCheckpoint(dated(android), run1, log);
        phone.stop();                                     // pull the phone's cable
        awaitCheckpoint(dated("gap8-uart"), run1, log);
        board.destroy();                                  // the board's pty disappears
        LabScripts.Run r1 = LabScripts.finish(run1, log, 420);
        assertEquals(1, r1.code(), r1.output());
        System.out.println("unplugged mid-run:\n" + Files.readString(tmp.resolve("work/last-summary.txt")));
        Map<String, JsonNode> s1 = summary();
        for (String dev : List.of(android, "gap8-uart")) {
            JsonNode d = s1.get(dev);
            assertTrue(List.of("unreachable", "device-error").contains(d.get("status").asText()), d.toString());
            assertTrue(d.get("needsAttention").asBoolean());
            assertTrue(d.get("detail").asText().contains("partial table kept"), d.toString());
            JsonNode partial = Json.readTree(dated(dev));
            assertFalse(partial.get("complete").asBoolean());
            assertTrue(partial.get("entries").size() > 0, dev);
            assertFalse(Files.exists(dated(dev).resolveSibling("current.json")), "no current table from a partial run");
        }
        assertTrue(r1.output().contains("NEEDS A PERSON"), r1.output());
        int partialPhone = Json.readTree(dated(android)).get("entries").size();

        // Plugged in again (same port, same pty path): the rerun resumes both and completes.
        phone = AdbdSimulator.start(phone.port(), tmp.resolve("phone"), DeviceDescription.typical());
        board = LabScripts.ptyPair(tmp.resolve("uart"), tmp.resolve("fw"));
        LabScripts.Run r2 = lab.run(420, "lab-bench.sh", args(model));
        assertEquals(0, r2.code(), r2.output());
        Map<String, JsonNode> s2 = summary();
        for (String dev : List.of(android, "gap8-uart")) {
            JsonNode d = s2.get(dev);
            assertEquals("ok", d.get("status").asText(), d.toString());
            assertTrue(d.get("detail").asText().startsWith("finishing today's interrupted table"), d.toString());
            JsonNode t = Json.readTree(dated(dev));
            assertTrue(t.get("complete").asBoolean());
            assertEquals(Files.readString(dated(dev)), Files.readString(dated(dev).resolveSibling("current.json")));
        }
        assertTrue(Json.readTree(dated(android)).get("entries").size() > partialPhone);
        String profileLog = readRunFile(android + ".profile.json");
        assertTrue(profileLog.contains("\"entries\""), profileLog);

        // Both gone: the next run says so and needs a person.
        phone.stop();
        board.destroy();
        board.waitFor(10, TimeUnit.SECONDS);
        LabScripts.Run r3 = lab.run(300, "lab-bench.sh", args(model));
        assertEquals(1, r3.code(), r3.output());
        Map<String, JsonNode> s3 = summary();
        for (String dev : List.of(android, "gap8-uart")) {
            assertEquals("vanished", s3.get(dev).get("status").asText(), s3.get(dev).toString());
        }
    }

    private String readRunFile(String name) throws Exception {
        List<Path> runs = new ArrayList<>();
        try (var s = Files.list(tmp.resolve("work/runs"))) {
            s.sorted().forEach(runs::add);
        }
        return Files.readString(runs.get(runs.size() - 1).resolve(name));
    }
}
