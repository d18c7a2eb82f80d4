package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.Json;
import dev.edgenas.gap8.FaultRelay;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.TableEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `edgenas profile --device gap8 --platform host-sim` through the serial fault relay (two real pty
 * pairs, --sim-tty/--port): a 5 s stall of the line mid-profile costs at most one retry and gives
 * the same table as a fault-free run; the checkpoints written meanwhile already carry cycles.
 */
class Gap8LineStallCliTest {
    @TempDir
    Path dir;
    String stderr;

    private LatencyTable profile(String name, FaultRelay.Faults faults, List<JsonNode> checkpoints) throws Exception {
        Path model = dir.resolve("tiny.onnx");
        if (!Files.exists(model)) {
            assertEquals(0, CliRunner.run("model", "build", "--preset", "tiny", "--out", model.toString()).code());
        }
        Path out = dir.resolve(name + ".json");
        Path relayDir = Files.createDirectories(dir.resolve("relay-" + name));
        try (FaultRelay relay = new FaultRelay(relayDir, faults)) {
            Thread watcher = new Thread(() -> watch(out, checkpoints), "checkpoint-watch");
            watcher.setDaemon(true);
            watcher.start();
            CliRunner.Result r = CliRunner.run("profile", "--device", "gap8", "--platform", "host-sim", "--model",
                    model.toString(), "--out", out.toString(), "--work-dir", dir.resolve("work-" + name).toString(),
                    "--sim-tty", relay.firmwareTty().toString(), "--port", relay.hostPort(), "--reps", "3",
                    "--min-samples", "3", "--max-samples", "3", "--target-ci", "0.5", "--warmup", "1", "--group-size", "2",
                    "--no-progress", "--json");
            watcher.interrupt();
            stderr = r.err();
            assertEquals(0, r.code(), r.err());
            System.out.printf("gap8 profile through the relay (%s): stalls %d, frames %d; stderr: %s%n", name,
                    relay.stalls, relay.framesForwarded, r.err().strip());
            if (faults.stallAtFrame > 0) {
                assertEquals(1, relay.stalls, "the stall did not happen");
            }
        }
        return LatencyTable.read(out);
    }

    /** Reads the table file while the profile runs: every checkpoint seen is kept. */
    private static void watch(Path out, List<JsonNode> seen) {
        long last = -1;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (Files.exists(out) && Files.getLastModifiedTime(out).toMillis() != last) {
                    last = Files.getLastModifiedTime(out).toMillis();
                    JsonNode t = Json.readTree(out);
                    if (!t.path("complete").asBoolean() && t.path("entries").size() > 0) {
                        synchronized (seen) {
                            seen.add(t);
                        }
                    }
                }
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | java.io.IOException e) {
                // a file being replaced: read it on the next round
            }
        }
    }

    @Test
    void aFiveSecondStallMidProfileCostsAtMostOneRetryAndMissesNothing() throws Exception {
        List<JsonNode> checkpoints = new ArrayList<>();
        LatencyTable stalled = profile("stalled", FaultRelay.Faults.stall(12, 5000), checkpoints);
        assertTrue(stalled.complete());
        // what a fault-free run gives (Gap8ProfileCliTest): every int8 kernel of the model measured or
        // listed as unsupported, each exactly once (a clean run through the relay took as long again)
        java.util.Set<String> covered = new java.util.HashSet<>(stalled.entries().keySet());
        stalled.provenance().facts().keySet().stream().filter(k -> k.startsWith(dev.edgenas.profile.gap8.Gap8Tables.UNSUPPORTED_PREFIX))
                .forEach(k -> assertTrue(covered.add(k.substring(dev.edgenas.profile.gap8.Gap8Tables.UNSUPPORTED_PREFIX.length())), "twice: " + k));
        java.util.Set<String> want = new java.util.HashSet<>();
        dev.edgenas.profile.SpaceSource.kernelsOf(List.of(dir.resolve("tiny.onnx")), "int8")
                .forEach(k -> want.add(k.canonical()));
        assertEquals(want, covered, "the same kernels as a fault-free run");
        assertEquals("cycles", stalled.units().cycles());
        for (TableEntry e : stalled.entries().values()) {
            assertNotNull(e.cycles(), "cycles of every entry");
        }
        long retries = stderr.lines().filter(l -> l.contains("gap8: attempt ")).count();
        assertTrue(retries <= 1, "retries: " + stderr);
        // the checkpoints of a GAP8 table are GAP8 tables: units.cycles and cycles per entry
        assertTrue(!checkpoints.isEmpty(), "no checkpoint was seen while the line stalled");
        for (JsonNode t : checkpoints) {
            assertEquals("cycles", t.path("units").path("cycles").asText(), t.path("units").toString());
            t.path("entries").forEach(e -> assertTrue(e.has("cycles"), "entry without cycles: " + e));
        }
    }
}
