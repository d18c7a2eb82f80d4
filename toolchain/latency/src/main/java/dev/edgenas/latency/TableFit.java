package dev.edgenas.latency;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a table fits the use it is put to: the precision the model is costed at and the device it
 * is meant for. A table of another precision or device still gives numbers, so a mismatch is a
 * warning the user must see (stderr and the run's report), never a silent figure.
 */
public final class TableFit {
    /** The provenance fact in which a backend says where its figures come from (a simulator, a board, host time). */
    public static final String LATENCY_SOURCE = "latencySource";

    private TableFit() {
    }

    /**
     * @param modelPrecision precision the model's kernels are looked up at (fp32 for search)
     * @param targetBackend  backend the result is meant for (cpu, android, gap8), or null when unknown
     */
    public static List<String> warnings(Path file, LatencyTable t, String modelPrecision, String targetBackend) {
        List<String> w = new ArrayList<>();
        TableProvenance p = t.provenance();
        String precision = p.precision() == null ? "fp32" : p.precision();
        String device = p.deviceId() == null ? "unknown device" : p.deviceId();
        if (modelPrecision != null && !precision.equals(modelPrecision)) {
            // LatencyPredictor looks a float model's kernels up at int8 in an int8 table (its deployment's
            // latency); the other way round nothing matches and every kernel is a cross-precision estimate
            w.add(file + ": provenance.precision: an " + precision + " table (" + device + ") costs the " + modelPrecision
                    + " model" + ("int8".equals(precision) ? " at int8, as its int8 deployment would run"
                    : ": no key matches, every kernel is estimated by regression across precisions"));
        }
        String backend = backend(device);
        if (targetBackend != null && !backend.equals(targetBackend.toLowerCase(Locale.ROOT))) {
            w.add(file + ": provenance.deviceId: the table was measured on " + device + ", not on a " + targetBackend
                    + " device: its latency says nothing about this target");
        }
        if (p.simulated()) { // a simulator: host timings (host-sim, phone simulator) or a cycle-level model (GVSOC)
            String source = latencySource(p);
            w.add(file + ": provenance.simulated: a simulated " + backend + " device, not measured on the real one: "
                    + (source != null ? source : p.deviceDescription()));
        }
        return w;
    }

    /** The table's {@value #LATENCY_SOURCE} fact, or null when its backend recorded none. */
    public static String latencySource(TableProvenance p) {
        return p.facts() == null ? null : p.facts().get(LATENCY_SOURCE);
    }

    /** The backend part of a device id: "gap8:/dev/ttyUSB1" gives gap8. */
    public static String backend(String deviceId) {
        int colon = deviceId.indexOf(':');
        return (colon < 0 ? deviceId : deviceId.substring(0, colon)).toLowerCase(Locale.ROOT);
    }
}
