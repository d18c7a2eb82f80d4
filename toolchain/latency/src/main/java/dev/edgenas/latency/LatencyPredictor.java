package dev.edgenas.latency;

import dev.edgenas.ir.Graph;
import dev.edgenas.ir.Kernel;
import dev.edgenas.ir.KernelDetector;
import dev.edgenas.ir.KernelKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Predicts a network's latency from a table: the per-run overhead once, plus each kernel's own
 * latency (its table median, less the per-run overhead where the table's entries include it). Keys missing from the
 * table are estimated by {@link MissingKeyEstimator}, flagged and counted. Where the table carries a whole-network
 * {@link Calibration}, the prediction carries the calibrated total as well ({@link Prediction#ms()}). Thread-safe; per-key
 * results are cached, since the search predicts thousands of networks made of the same kernels.
 */
public final class LatencyPredictor {
    private final LatencyTable table;
    private final MissingKeyEstimator estimator;
    private final Map<KernelKey, KernelLatency> cache = new ConcurrentHashMap<>();

    public LatencyPredictor(LatencyTable table) {
        this.table = table;
        this.estimator = new MissingKeyEstimator(table);
    }

    public LatencyTable table() {
        return table;
    }

    /** Prediction for a model at batch size 1. */
    public Prediction predict(Graph g) {
        return predict(g, 1);
    }

    /**
     * Prediction for a model. A float model predicted by an int8 table is predicted as its deployed int8 form (its
     * kernels at int8), as deploy does, so that a search for an int8 deployment ranks by int8 latency.
     */
    public Prediction predict(Graph g, int batch) {
        List<Kernel> kernels = KernelDetector.detect(g, batch);
        List<KernelLatency> per = new ArrayList<>(kernels.size());
        boolean toInt8 = "int8".equals(table.provenance().precision());
        for (Kernel k : kernels) {
            KernelKey key = toInt8 && k.key().precision().equals("fp32") ? k.key().withPrecision("int8") : k.key();
            per.add(latency(key).named(k.name()));
        }
        return total(per);
    }

    /** The fast path for the search: kernels named by their index. */
    public Prediction predict(List<KernelKey> keys) {
        List<KernelLatency> per = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            per.add(latency(keys.get(i)).named(Integer.toString(i)));
        }
        return total(per);
    }

    /** Total in ms only (calibrated where the table has a calibration), without a breakdown when it has none. */
    public double totalMs(List<KernelKey> keys) {
        if (table.calibration() != null) {
            return predict(keys).ms();
        }
        double sum = table.overheadMs();
        for (KernelKey k : keys) {
            sum += latency(k).ms();
        }
        return sum;
    }

    /** Net latency of one kernel (cached). */
    public KernelLatency latency(KernelKey key) {
        return cache.computeIfAbsent(key, this::lookup);
    }

    private KernelLatency lookup(KernelKey key) {
        TableEntry e = table.entry(key);
        if (e != null) {
            return new KernelLatency("", key.canonical(), table.netMs(e), false, "table");
        }
        MissingKeyEstimator.Estimate est = estimator.estimate(key);
        return new KernelLatency("", key.canonical(), est.ms(), true, est.method());
    }

    private Prediction total(List<KernelLatency> per) {
        double sum = table.overheadMs();
        int estimated = 0;
        for (KernelLatency k : per) {
            sum += k.ms();
            estimated += k.estimated() ? 1 : 0;
        }
        Prediction raw = new Prediction(sum, table.overheadMs(), List.copyOf(per), estimated, null);
        return table.calibration() == null ? raw : new Prediction(sum, raw.overheadMs(), raw.perKernel(), estimated,
                table.calibration().apply(raw));
    }
}
