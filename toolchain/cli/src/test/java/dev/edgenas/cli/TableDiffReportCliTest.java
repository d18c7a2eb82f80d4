package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgenas.core.ExitCode;
import dev.edgenas.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edgenas table diff} and {@code table report} in-process, on the shipped CPU table and a slowed copy. */
class TableDiffReportCliTest {
    static final Path SHIPPED = LabScripts.ROOT.resolve("latency-tables/cpu-x86.json");
    @TempDir
    static Path tmp;
    static Path slower;

    /** The shipped table with every conv 30 % slower and a new runtime version. */
    @BeforeAll
    static void slowCopy() {
        ObjectNode t = (ObjectNode) Json.readTree(SHIPPED);
        for (Iterator<Map.Entry<String, JsonNode>> it = t.get("entries").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("conv;")) {
                ObjectNode s = (ObjectNode) e.getValue();
                for (String f : new String[] {"median", "mean", "std", "p10", "p90", "mad"}) {
                    s.put(f, s.get(f).asDouble() * 1.3);
                }
            }
        }
        ((ObjectNode) t.get("provenance")).put("runtimeVersion", "1.30.0");
        slower = tmp.resolve("slower.json");
        Json.writeFile(slower, t);
    }

    @Test
    void aTableAgainstItselfHasNoDrift() {
        CliRunner.Result r = CliRunner.run("table", "diff", SHIPPED.toString(), SHIPPED.toString(), "--json", "--fail-on-drift");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.readTreeString(r.out());
        assertFalse(j.get("driftExceeded").asBoolean());
        assertEquals(1.0, j.get("summary").get("medianRatio").asDouble(), 1e-12);
        assertEquals(j.get("summary").get("shared").asInt(), j.get("entries").size());
    }

    @Test
    void slowerConvsAreDriftWithTheRuntimeChange() {
        CliRunner.Result r = CliRunner.run("table", "diff", SHIPPED.toString(), slower.toString(), "--top", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("runtime provenance.runtimeVersion: 1.29.0 -> 1.30.0"), r.out());
        assertTrue(r.out().contains("DRIFT:"), r.out());
        CliRunner.Result f = CliRunner.run("table", "diff", SHIPPED.toString(), slower.toString(), "--fail-on-drift", "--json");
        assertEquals(ExitCode.FAILURE.code(), f.code(), f.err());
        JsonNode j = Json.readTreeString(f.out());
        assertTrue(j.get("driftExceeded").asBoolean());
        assertEquals("RUNTIME", j.get("significantProvenance").get(0).get("category").asText());
        // A looser threshold takes 30 % as no drift.
        CliRunner.Result loose = CliRunner.run("table", "diff", SHIPPED.toString(), slower.toString(), "--threshold", "0.35",
                "--fail-on-drift");
        assertEquals(0, loose.code(), loose.out());
    }

    @Test
    void badInputsAreOneLineErrors() {
        CliRunner.Result missing = CliRunner.run("table", "diff", SHIPPED.toString(), tmp.resolve("nope.json").toString());
        assertEquals(ExitCode.BAD_INPUT.code(), missing.code());
        assertTrue(missing.err().contains("nope.json"), missing.err());
        CliRunner.Result bad = CliRunner.run("table", "diff", SHIPPED.toString(), SHIPPED.toString(), "--threshold", "-1");
        assertEquals(ExitCode.USAGE.code(), bad.code());
        CliRunner.Result none = CliRunner.run("table", "report", "--out", tmp.resolve("r0").toString());
        assertEquals(ExitCode.USAGE.code(), none.code(), none.err());
    }

    @Test
    void reportComparesTablesWithPlots() throws Exception {
        Path out = tmp.resolve("report");
        CliRunner.Result r = CliRunner.run("table", "report", "--table", SHIPPED.toString(), "--table", slower.toString(),
                "--compare", SHIPPED.toString(), slower.toString(), "--out", out.toString(), "--json", "--fail-on-drift");
        assertEquals(ExitCode.FAILURE.code(), r.code(), r.err());
        JsonNode j = Json.readTreeString(r.out());
        assertTrue(j.get("driftExceeded").asBoolean());
        assertEquals(2, j.get("devices").size());
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("cpu-x86") && html.contains("slower"), "device names on the page");
        assertTrue(Files.size(out.resolve("plots/scatter-a-b.svg")) > 1000);
        assertTrue(Files.readString(out.resolve("summary.txt")).contains("comparison A/B"));
    }
}
