package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.MeasurementPolicy;
import dev.edgenas.latency.ReferenceWorkload;
import dev.edgenas.latency.TableEntry;
import dev.edgenas.latency.TableProvenance;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** table diff separates the machine's state (reference workloads) from the entries' change. */
class TableDiffStateTest {
    private static LatencyTable table(ReferenceWorkload ref) {
        TableEntry e = new TableEntry(20, 0.1, 0.1, 0.002, 0.097, 0.103, 0.001, 0.01, false, null);
        TableProvenance p = new TableProvenance("cpu", "cpu", "desktop-cpu", false, "cpu", 2, "unknown", null, null,
                "onnxruntime", "1.29.0", 1, "ALL_OPT", "fp32", "2026-01-01T00:00:00Z", "0.1.0", "unknown", "test",
                new TreeMap<>(Map.of("os", "Linux")), null);
        return new LatencyTable(LatencyTable.FORMAT, LatencyTable.VERSION, true, p, LatencyTable.Units.millis(),
                MeasurementPolicy.defaults(), new LatencyTable.Overhead(e, LatencyTable.ADD_ONCE), new TreeMap<>(), null,
                ref);
    }

    @Test
    void aSlowerMachineExplainsASlowerTable() {
        LatencyTable a = table(new ReferenceWorkload(List.of("net"), 5.0, null, null));
        LatencyTable b = table(new ReferenceWorkload(List.of("net"), 6.0, null, null));
        Map<String, Object> s = TableDiffCommand.machineState(a, b, 1.2);
        assertEquals(1.2, (Double) s.get("factor"), 1e-12);
        assertEquals(1.0, (Double) s.get("medianRatioWithoutState"), 1e-12);
    }

    @Test
    void noStateWithoutComparableReferences() {
        assertNull(TableDiffCommand.machineState(table(null), table(new ReferenceWorkload(List.of("net"), 6.0, null,
                null)), 1.2));
        assertNull(TableDiffCommand.machineState(table(new ReferenceWorkload(List.of("a"), 5.0, null, null)),
                table(new ReferenceWorkload(List.of("b"), 6.0, null, null)), 1.2));
    }
}
