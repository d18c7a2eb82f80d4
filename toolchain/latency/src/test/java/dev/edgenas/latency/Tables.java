package dev.edgenas.latency;

import java.util.Map;
import java.util.TreeMap;

/** Hand-made tables for tests. */
final class Tables {
    private Tables() {
    }

    static TableEntry entry(double median) {
        return new TableEntry(20, median, median * 1.01, median * 0.02, median * 0.98, median * 1.03, median * 0.01,
                0.01, false, null);
    }

    static TableProvenance provenance(String precision) {
        return new TableProvenance("cpu", "test cpu", "desktop-cpu", false, "test cpu", 2, "unknown", null, null,
                "onnxruntime", "1.29.0", 1, "ALL_OPT", precision, "2026-01-01T00:00:00Z", "0.1.0", "unknown",
                "edgenas test", new TreeMap<>(Map.of("os", "Linux")), null);
    }

    static LatencyTable table(Map<String, Double> medians, double overhead, String accounting) {
        TreeMap<String, TableEntry> e = new TreeMap<>();
        medians.forEach((k, v) -> e.put(k, entry(v)));
        return new LatencyTable(LatencyTable.FORMAT, LatencyTable.VERSION, true, provenance("fp32"),
                LatencyTable.Units.millis(), MeasurementPolicy.defaults(),
                new LatencyTable.Overhead(entry(overhead), accounting), e);
    }

    /** A 1x1 conv key with the given channels at 16x16. */
    static String conv1x1(int cin, int cout) {
        return "conv;in=1x" + cin + "x16x16;out=1x" + cout + "x16x16;d=1x1;g=1;k=1x1;p=0,0,0,0;s=1x1;act=relu;prec=fp32";
    }
}
