package dev.edgenas.latency.compare;

import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.MeasurementPolicy;
import dev.edgenas.latency.TableEntry;
import dev.edgenas.latency.TableProvenance;
import java.util.Map;
import java.util.TreeMap;

/** Hand-made tables for the comparison tests. */
final class CompareTables {
    private CompareTables() {
    }

    static TableEntry entry(double median, double ciRel) {
        return new TableEntry(20, median, median, median * 0.02, median * 0.97, median * 1.03, median * 0.01, ciRel,
                false, null);
    }

    static TableProvenance provenance(String runtimeVersion, Map<String, String> facts) {
        return new TableProvenance("android:sim-1", "edgenas-sim", "android", true, "arm64", 8, "schedutil", null,
                null, "onnxruntime", runtimeVersion, 1, "ALL_OPT", "fp32", "2026-01-01T00:00:00Z", "0.1.0", "unknown",
                "edgenas test", new TreeMap<>(Map.of("os", "Linux")), facts == null ? null : new TreeMap<>(facts));
    }

    static LatencyTable table(Map<String, Double> medians, double ciRel, TableProvenance p) {
        TreeMap<String, TableEntry> e = new TreeMap<>();
        medians.forEach((k, v) -> e.put(k, entry(v, ciRel)));
        return new LatencyTable(LatencyTable.FORMAT, LatencyTable.VERSION, true, p, LatencyTable.Units.millis(),
                MeasurementPolicy.defaults(), new LatencyTable.Overhead(entry(0.01, 0.01), LatencyTable.ADD_ONCE), e);
    }

    /** Medians of n distinct 1x1 conv keys: 0.1 ms, 0.2 ms, ... scaled by factor. */
    static Map<String, Double> convs(int n, double factor) {
        Map<String, Double> m = new TreeMap<>();
        for (int i = 1; i <= n; i++) {
            m.put(conv1x1(8 * i, 8), 0.1 * i * factor);
        }
        return m;
    }

    static String conv1x1(int cin, int cout) {
        return "conv;in=1x" + cin + "x16x16;out=1x" + cout + "x16x16;d=1x1;g=1;k=1x1;p=0,0,0,0;s=1x1;act=relu;prec=fp32";
    }
}
