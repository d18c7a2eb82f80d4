package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.ExitCode;
import dev.edgenas.core.Json;
import dev.edgenas.deploy.gap8.GvsocRun;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.TableEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code table retime} and {@code table validate --device gap8 --platform gvsoc} on the tiny DeepLabV3+'s space:
 * one network re-times a table, two others (the full network and one subnetwork, never the timing network) run
 * whole on GVSOC and are compared with it; a second validation resumes from the per-network checkpoints without
 * building anything, a third reruns the one checkpoint marked as another build's. About 1 min of GVSOC; skipped with the reason when no GVSOC is set up ($GAP_SDK_HOME,
 * $EDGENAS_GVSOC_HOME or ~/.cache/gvsoc).
 */
class GvsocTableValidateCliTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownDeviceIsAUsageError() {
        CliRunner.Result r = CliRunner.run("table", "validate", "--table", ShippedGvsocTableTest.TABLE.toString(),
                "--device", "nosuch", "--networks", "2");
        assertEquals(ExitCode.USAGE.code(), r.code(), r.err());
        assertTrue(r.err().contains("--device nosuch") && !r.err().contains("\tat "), r.err());
    }

    @Test
    void retimesAndValidatesTinyNetworksWholeOnGvsoc() throws Exception {
        String why = GvsocRun.unavailable();
        Assumptions.assumeTrue(why == null, why);
        Path model = dir.resolve("tiny.onnx");
        assertEquals(0, CliRunner.run("model", "build", "--preset", "tiny", "--out", model.toString()).code());
        Path retimed = dir.resolve("retimed.json");
        CliRunner.Result rt = CliRunner.run("table", "retime", "--device", "gap8", "--platform", "gvsoc", "--table",
                ShippedGvsocTableTest.TABLE.toString(), "--model", model.toString(), "--out", retimed.toString(),
                "--max-networks", "1", "--candidates", "4", "--work-dir", dir.resolve("rt").toString(), "--json");
        assertEquals(0, rt.code(), rt.err());
        LatencyTable t = LatencyTable.read(retimed);
        String timedIn = t.provenance().facts().get("timedIn");
        assertTrue(timedIn.matches("[0-9]+"), "one timing network: " + timedIn);
        assertTrue(t.provenance().facts().get("latencySource").startsWith("GVSOC"));
        assertTrue(t.size() > 3, "keys timed: " + t.size());
        for (TableEntry e : t.entries().values()) {
            assertTrue(e.cycles().median() > 0);
            assertEquals(e.median() * 175_000, e.cycles().median(), 1.0);
        }

        Path work = dir.resolve("val");
        Path report = dir.resolve("rep");
        String[] args = {"table", "validate", "--device", "gap8", "--platform", "gvsoc", "--table", retimed.toString(),
            "--model", model.toString(), "--networks", "2", "--seed", "3", "--work-dir", work.toString(), "--report",
            report.toString(), "--force", "--json"};
        CliRunner.Result v = CliRunner.run(args);
        assertEquals(0, v.code(), v.err());
        JsonNode j = Json.readTree(Path.of(report + ".json"));
        assertEquals(2, j.at("/report/stats/samples").asInt());
        assertTrue(j.at("/report/networks/heldOut").asText().contains("1 networks"), j.at("/report/networks").toString());
        List<Long> measured = new ArrayList<>();
        for (JsonNode n : j.get("networks")) {
            assertFalse(n.get("name").asText().contains(timedIn), "a timing network was validated on");
            long m = n.get("measuredCycles").asLong();
            long p = n.get("predictedCycles").asLong();
            assertTrue(m > 0 && p > 0, n.toString());
            assertEquals((double) m / p, n.get("ratio").asDouble(), 0.01);
            measured.add(m);
        }
        assertTrue(Files.readString(Path.of(report + ".md")).contains("## Every network"));
        try (Stream<Path> s = Files.list(work.resolve("runs"))) {
            assertEquals(2, s.count());
        }

        // resume: every network is read back from its checkpoint, nothing is built or run again
        deleteTree(work.resolve("build"));
        CliRunner.Result again = CliRunner.run(args);
        assertEquals(0, again.code(), again.err());
        assertFalse(Files.exists(work.resolve("build")), "a checkpointed network was rebuilt");
        JsonNode k = Json.readTree(Path.of(report + ".json"));
        for (int i = 0; i < 2; i++) {
            assertEquals(measured.get(i), k.get("networks").get(i).get("measuredCycles").asLong());
        }

        // a checkpoint another edgenas build made is stale (its executor may differ): that network runs again
        Path first;
        try (Stream<Path> s = Files.list(work.resolve("runs"))) {
            first = s.sorted().findFirst().orElseThrow();
        }
        Files.writeString(first, Files.readString(first).replaceFirst("\"executor\" : \"[^\"]*\"",
                "\"executor\" : \"gap8-gvsoc some-other-build\""));
        CliRunner.Result stale = CliRunner.run(args);
        assertEquals(0, stale.code(), stale.err());
        assertTrue(stale.err().contains("running the network again"), stale.err());
        try (Stream<Path> s = Files.list(work.resolve("build"))) {
            assertEquals(1, s.count(), "only the stale network is rebuilt");
        }
    }

    private static void deleteTree(Path p) throws Exception {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
