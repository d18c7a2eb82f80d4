package dev.edgenas.bench;

import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.MeasurementPolicy;
import dev.edgenas.latency.TableEntry;
import dev.edgenas.latency.TableProvenance;
import java.util.Map;
import java.util.TreeMap;

/** Hand-made tables of two operators for the report tests. */
final class BenchTables {
    private BenchTables() {
    }

    static LatencyTable table(String deviceId, String platform, String precision, String runtimeVersion, double factor,
                              int n, String createdAt) {
        TreeMap<String, TableEntry> e = new TreeMap<>();
        for (int i = 1; i <= n; i++) {
            e.put(key("conv", 8 * i, precision), entry(0.05 * i * factor));
            e.put(key("dwconv", 8 * i, precision), entry(0.01 * i * factor));
        }
        TableProvenance p = new TableProvenance(deviceId, deviceId + " board", platform, true, "sim", 4, "unknown", null,
                null, "onnxruntime", runtimeVersion, 1, "ALL_OPT", precision, createdAt, "0.1.0", "unknown", "edgenas test",
                new TreeMap<>(Map.of("os", "Linux")), null);
        return new LatencyTable(LatencyTable.FORMAT, LatencyTable.VERSION, true, p, LatencyTable.Units.millis(),
                MeasurementPolicy.defaults(), new LatencyTable.Overhead(entry(0.003), LatencyTable.ADD_ONCE), e);
    }

    static TableEntry entry(double median) {
        return new TableEntry(30, median, median, median * 0.02, median * 0.97, median * 1.03, median * 0.01, 0.01,
                false, null);
    }

    static String key(String op, int c, String prec) {
        String g = op.equals("dwconv") ? Integer.toString(c) : "1";
        String k = op.equals("dwconv") ? "3x3" : "1x1";
        String p = op.equals("dwconv") ? "1,1,1,1" : "0,0,0,0";
        return op + ";in=1x" + c + "x16x16;out=1x" + c + "x16x16;d=1x1;g=" + g + ";k=" + k + ";p=" + p + ";s=1x1;act=relu;prec=" + prec;
    }
}
