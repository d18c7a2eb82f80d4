package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgenas.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/lab-bench.sh on this machine's CPU and the tiny model: dated tables and current copy,
 * reuse of a fresh table, drift flagged against an older table, the lock, bad usage.
 */
class LabBenchCycleTest {
    @TempDir
    static Path tmp;
    static LabScripts lab;
    static Path model;

    @BeforeAll
    static void setUp() throws Exception {
        lab = new LabScripts(tmp);
        model = tmp.resolve("tiny.onnx");
        CliRunner.Result b = CliRunner.run("model", "build", "--preset", "tiny", "--out", model.toString());
        assertEquals(0, b.code(), b.err());
    }

    @AfterAll
    static void tearDown() throws Exception {
        lab.killAdbServer();
    }

    private static LabScripts.Run cycle(Path tables, String date, String... more) throws Exception {
        String[] base = {"--tables", tables.toString(), "--work", tables.resolveSibling(tables.getFileName() + "-work").toString(),
            "--model", model.toString(), "--only", "^cpu$", "--date", date, "--cpu-args", "--threads 1",
            "--profile-args", "--min-samples 10 --max-samples 40 --target-ci 0.05 --max-seconds-per-entry 0.5 --group-size 64"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return lab.run(300, "lab-bench.sh", args);
    }

    private static JsonNode device(Path work, String name) {
        for (JsonNode d : LabScripts.json(work.resolve("last-summary.json")).get("devices")) {
            if (d.get("name").asText().equals(name)) {
                return d;
            }
        }
        throw new AssertionError("no " + name + " in the summary");
    }

    @Test
    void datedTablesAreKeptReusedAndComparedForDrift() throws Exception {
        Path tables = tmp.resolve("tables");
        Path work = tmp.resolve("tables-work");
        Path cpu = tables.resolve("history/cpu");

        LabScripts.Run r1 = cycle(tables, "2026-03-01");
        assertEquals(0, r1.code(), r1.output());
        JsonNode first = LabScripts.json(cpu.resolve("2026-03-01.json"));
        assertTrue(first.get("complete").asBoolean());
        int keys = first.get("entries").size();
        assertTrue(keys > 20, "tiny model kernels: " + keys);
        assertEquals(Files.readString(cpu.resolve("2026-03-01.json")), Files.readString(cpu.resolve("current.json")));
        assertTrue(device(work, "cpu").get("detail").asText().startsWith("no table yet"));
        assertTrue(Files.exists(work.resolve("report/index.html")));

        // Two days later, still fresh: nothing to measure, no new dated copy.
        LabScripts.Run r2 = cycle(tables, "2026-03-03");
        assertEquals(0, r2.code(), r2.output());
        assertFalse(Files.exists(cpu.resolve("2026-03-03.json")));
        assertTrue(device(work, "cpu").get("detail").asText().startsWith("up to date"), r2.output());

        // Pretend the current table was measured when the CPU was three times as fast; a stale-days 0
        // run measures afresh, and the diff flags the drift: a person must look. (Entries of the tiny
        // model under the 5 us noise floor are not compared: ORT's profiler counts whole microseconds.)
        ObjectNode cur = (ObjectNode) LabScripts.json(cpu.resolve("current.json"));
        for (Iterator<Map.Entry<String, JsonNode>> it = cur.get("entries").properties().iterator(); it.hasNext(); ) {
            ObjectNode e = (ObjectNode) it.next().getValue();
            for (String f : new String[] {"median", "mean", "std", "p10", "p90", "mad"}) {
                e.put(f, e.get(f).asDouble() / 3);
            }
        }
        Json.writeFile(cpu.resolve("current.json"), cur);
        LabScripts.Run r3 = cycle(tables, "2026-03-04", "--stale-days", "0");
        assertEquals(1, r3.code(), r3.output());
        JsonNode d = device(work, "cpu");
        assertEquals("drift", d.get("status").asText(), d.toString());
        assertTrue(d.get("needsAttention").asBoolean());
        assertTrue(d.get("detail").asText().contains("DRIFT"), d.toString());
        assertTrue(r3.output().contains("NEEDS A PERSON"), r3.output());
        assertTrue(Files.exists(cpu.resolve("2026-03-04.json")));
        assertEquals(Files.readString(cpu.resolve("2026-03-04.json")), Files.readString(cpu.resolve("current.json")));
        String page = Files.readString(work.resolve("report/index.html"));
        assertTrue(page.contains("<td>drift</td>"), "the report shows the run status");
        assertTrue(page.contains("plots/drift-over-time.png"));
    }

    @Test
    void aSecondRunWaitsForTheLockAndGivesUp() throws Exception {
        Path tables = tmp.resolve("locked");
        Path lock = Files.createDirectories(tables.resolve("history")).resolve(".lab-bench.lock");
        Process holder = new ProcessBuilder("flock", lock.toString(), "sleep", "60").start();
        try {
            for (int i = 0; i < 50 && !Files.exists(lock); i++) {
                Thread.sleep(50);
            }
            Thread.sleep(200);
            long t0 = System.nanoTime();
            LabScripts.Run r = cycle(tables, "2026-03-01", "--wait-lock", "1");
            assertEquals(75, r.code(), r.output());
            assertTrue(r.output().contains("another run holds"), r.output());
            assertTrue((System.nanoTime() - t0) / 1e9 < 30, "gave up quickly");
            assertFalse(Files.exists(tables.resolve("history/cpu")), "nothing was profiled");
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void badUsageIsExitTwo() throws Exception {
        LabScripts.Run r = lab.run(60, "lab-bench.sh", "--date", "2026-13-45");
        assertEquals(2, r.code(), r.output());
        assertTrue(r.output().contains("--date 2026-13-45"), r.output());
        LabScripts.Run u = lab.run(60, "lab-bench.sh", "--frobnicate");
        assertEquals(2, u.code(), u.output());
    }
}
