package dev.edgenas.cli;

import dev.edgenas.android.SimulatedPhone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.ExitCode;
import dev.edgenas.core.Json;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.TableEntry;
import dev.edgenas.profile.SpaceSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edgenas profile --device android} and {@code edgenas devices} end to end, in-process,
 * against the simulated phone through the real adb client (private adb server).
 */
class AndroidProfileCliTest {
    @TempDir
    static Path dir;
    static SimulatedPhone phone;

    @BeforeAll
    static void plugIn() {
        phone = new SimulatedPhone(dir);
    }

    @AfterAll
    static void unplug() {
        if (phone != null) {
            phone.close();
        }
    }

    private static String[] profile(Path tables, String... more) {
        String[] base = {"profile", "--device", "android", "--serial", phone.serial(), "--adb-server-port",
            Integer.toString(phone.serverPort), "--tables", tables.toString(), "--no-progress", "--json"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** The whole default space; a relaxed stopping rule keeps it within CI time (the full rule: docs/ANDROID.md). */
    @Test
    void defaultSpaceGivesACompleteTableNamedByModelAndClusterThatDevicesLists() {
        Path tables = dir.resolve("tables");
        long t0 = System.nanoTime();
        CliRunner.Result r = DeviceCli.run(profile(tables, "--space", "default", "--reps", "20", "--min-samples", "10",
                "--max-samples", "40", "--target-ci", "0.1", "--group-size", "64", "--warmup", "2"));
        double s = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.readTreeString(r.out());
        Path file = tables.resolve("android-edgenas-sim-big.json");
        assertEquals(file.toString(), j.get("table").asText());
        LatencyTable t = LatencyTable.read(file);
        int keys = SpaceSource.kernelsOf(SpaceSource.space("default", n -> { }), "fp32").size();
        System.out.printf("android-sim default space: %d entries in %.1f s%n", t.size(), s);
        assertTrue(t.complete());
        assertEquals(keys, t.size());
        assertEquals(keys, j.get("requestedKeys").asInt());
        assertTrue(t.provenance().simulated());
        assertEquals("android", t.provenance().platform());
        assertEquals(LatencyTable.SUBTRACT_PER_KERNEL_ADD_ONCE, t.overhead().accounting());
        Map<String, String> f = t.provenance().facts();
        assertEquals("edgenas-sim", f.get("model"));
        assertEquals("0xf0", f.get("coresMask"));
        assertEquals(t.provenance().runtimeVersion(), f.get("ortVersion"));
        assertEquals(4, t.provenance().threads(), "0 threads = the 4 big cores");
        assertEquals("cpu", f.get("executionProvider"));
        assertTrue(Long.parseLong(f.get("clockRoundsChecked")) >= keys, "every kernel round's clocks were read: " + f);
        assertEquals("0", f.get("clockRoundsBelowMax"), "the simulated phone runs at its maximum clock");
        for (TableEntry e : t.entries().values()) {
            assertTrue(e.count() >= 10 && e.median() > 0, e.toString());
        }

        CliRunner.Result d = DeviceCli.run("devices", "--json", "--adb-server-port", Integer.toString(phone.serverPort),
                "--tables", tables.toString(), "--listen-ms", "100");
        assertEquals(0, d.code(), d.err());
        JsonNode phoneEntry = DeviceCli.device(d, "android:" + phone.serial());
        assertNotNull(phoneEntry, d.out());
        assertTrue(phoneEntry.get("identity").asText().contains("SIMULATED"), phoneEntry.toString());
        assertEquals(file.toString(), phoneEntry.get("table").get("file").asText());
        assertTrue(phoneEntry.get("table").get("complete").asBoolean());
        assertTrue(phoneEntry.get("table").get("ageHours").asDouble() < 1);
        assertEquals("cpu", Json.readTreeString(d.out()).get("devices").get(0).get("device").asText());
    }

    /** The phone vanishes after the first checkpoint: exit 4, the partial table stays; the rerun measures only the rest. */
    @Test
    void phoneLostMidProfileExitsUnreachableKeepsThePartialTableAndResumes() throws Exception {
        Path model = dir.resolve("tiny.onnx");
        assertEquals(0, CliRunner.run("model", "build", "--preset", "tiny", "--out", model.toString()).code());
        Path out = dir.resolve("fault/t.json");
        String[] cmd = profile(dir, "--model", model.toString(), "--out", out.toString(), "--group-size", "2",
                "--reps", "10", "--min-samples", "5", "--max-samples", "20", "--target-ci", "0.2", "--warmup", "1");
        CompletableFuture<CliRunner.Result> run = CompletableFuture.supplyAsync(() -> DeviceCli.run(cmd));
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline && !(Files.exists(out) && LatencyTable.read(out).size() >= 2)) {
            Thread.sleep(50);
        }
        phone.stop();
        CliRunner.Result first = run.get(3, TimeUnit.MINUTES);
        assertEquals(ExitCode.DEVICE_UNREACHABLE.code(), first.code(), first.err());
        assertTrue(first.err().contains("edgenas: "), first.err());
        LatencyTable partial = LatencyTable.read(out);
        assertFalse(partial.complete());
        assertTrue(partial.size() >= 2);

        phone.restart();
        CliRunner.Result second = DeviceCli.run(cmd);
        assertEquals(0, second.code(), second.err());
        LatencyTable full = LatencyTable.read(out);
        assertTrue(full.complete());
        assertTrue(full.size() > partial.size(), full.size() + " vs " + partial.size());
        partial.entries().forEach((k, e) -> assertEquals(e, full.entries().get(k), "kept as measured: " + k));
    }
}
