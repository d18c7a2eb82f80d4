package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.ir.KernelKey;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.TableEntry;
import dev.edgenas.latency.TableFit;
import dev.edgenas.profile.SpaceSource;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped GAP8 table, profiled on GVSOC and re-timed inside whole tiled networks (docs/GAP8.md): it must
 * still cover the default search space (every int8 key measured or listed as unsupported with a reason), say
 * where its figures come from, and hold cycles consistent with its milliseconds; search, predict and deploy
 * must name it as a simulated GAP8 whose latencies are GVSOC's.
 */
class ShippedGvsocTableTest {
    static final Path TABLE = LabScripts.ROOT.resolve("latency-tables/gap8-gvsoc-gapuino-fc250-cl175.json");

    @Test
    void coversTheDefaultSpaceAndSaysItIsGvsoc() {
        LatencyTable t = LatencyTable.read(TABLE);
        assertTrue(t.complete());
        assertTrue(t.provenance().simulated());
        assertEquals("gvsoc", t.provenance().facts().get("gap8Platform"));
        assertEquals("true", t.provenance().facts().get("gap8Latency"));
        assertTrue(t.provenance().facts().get("gapSdkCommit").matches("[0-9a-f]{40}"));
        // re-timed inside whole tiled networks (table retime): they are listed, and validation never uses them
        assertTrue(t.provenance().facts().get("latencySource").startsWith("GVSOC"));
        assertTrue(t.provenance().facts().get("timedIn").matches("[0-9]+( [0-9]+)*"));
        assertEquals("", t.provenance().facts().get("notTimed"));
        assertEquals("int8", t.provenance().precision());
        Set<String> covered = new HashSet<>(t.entries().keySet());
        t.provenance().facts().keySet().stream().filter(k -> k.startsWith("unsupported ")).forEach(k -> {
            assertTrue(t.provenance().facts().get(k).contains("L2 budget"), k);
            covered.add(k.substring("unsupported ".length()));
        });
        Set<String> space = SpaceSource.kernelsOf(SpaceSource.space("default", n -> { }), "int8").stream()
                .map(KernelKey::canonical).collect(Collectors.toSet());
        assertEquals(space, covered, "the default space changed: re-profile the table (docs/GAP8.md)");
        long hz = t.provenance().clocksHz().get("compute");
        assertEquals(175_000_000L, hz);
        for (TableEntry e : t.entries().values()) {
            assertNotNull(e.cycles());
            assertEquals(e.median() * hz / 1000, e.cycles().median(), 1.0);
        }
        String warnings = String.join("\n", TableFit.warnings(TABLE, t, "fp32", null));
        assertTrue(warnings.contains("GVSOC") && warnings.contains("at int8"), warnings);
    }

    @Test
    void predictNamesTheDeviceByItsShippedName() {
        CliRunner.Result r = CliRunner.run("table", "predict", "--table", TABLE.toString(), "--model",
                LabScripts.ROOT.resolve("models/deeplabv3plus-portrait.onnx").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("gap8"), r.out());
    }
}
