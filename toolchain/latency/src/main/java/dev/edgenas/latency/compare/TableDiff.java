package dev.edgenas.latency.compare;

import dev.edgenas.ir.KernelKey;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.SampleStats;
import dev.edgenas.latency.TableEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The comparison of two latency tables A (before, or reference) and B (after, or other device):
 * per-kernel ratios B/A, a drift summary, the keys only one of them has, and the provenance changes
 * that can explain a drift (runtime, firmware, clocks, thermals). Kernel times are taken per each
 * table's overhead accounting, so tables of backends that account differently stay comparable.
 *
 * @param a           label of table A (its file)
 * @param b           label of table B
 * @param options     thresholds used
 * @param summary     drift statistics
 * @param entries     shared keys, sorted by key
 * @param addedKeys   keys only in B
 * @param missingKeys keys only in A
 * @param provenance  provenance differences
 */
public record TableDiff(String a, String b, DriftOptions options, DriftSummary summary, List<EntryChange> entries,
                        List<String> addedKeys, List<String> missingKeys, List<ProvenanceChange> provenance) {
    /**
     * The share rule needs at least this many drifted entries: in a small table one or two noisy
     * kernels (a microsecond of timer resolution on a 5 us kernel is 20 %) would otherwise flag it.
     */
    public static final int MIN_DRIFTED = 3;

    public static TableDiff compare(String labelA, LatencyTable a, String labelB, LatencyTable b, DriftOptions o) {
        List<EntryChange> changes = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, TableEntry> e : a.entries().entrySet()) {
            TableEntry eb = b.entries().get(e.getKey());
            if (eb == null) {
                missing.add(e.getKey());
            } else {
                changes.add(change(e.getKey(), a.netMs(e.getValue()), b.netMs(eb),
                        e.getValue().ciRel() + eb.ciRel(), o));
            }
        }
        List<String> added = b.entries().keySet().stream().filter(k -> !a.entries().containsKey(k)).toList();
        double overheadRatio = a.overheadMs() > 0 ? b.overheadMs() / a.overheadMs() : Double.NaN;
        DriftSummary s = summarise(changes, added.size(), missing.size(), overheadRatio, o);
        return new TableDiff(labelA, labelB, o, s, changes, added, missing, ProvenanceDiff.compare(a.provenance(), b.provenance()));
    }

    static EntryChange change(String key, double aMs, double bMs, double noiseRel, DriftOptions o) {
        double ratio = aMs < o.minMs() && bMs < o.minMs() ? Double.NaN
                : Math.max(bMs, o.minMs()) / Math.max(aMs, o.minMs());
        // A zero floor with a zero entry would divide by zero: such an entry cannot be compared.
        if (Double.isInfinite(ratio) || (ratio == 0 && o.minMs() == 0)) {
            ratio = Double.NaN;
        }
        boolean drifted = !Double.isNaN(ratio) && o.beyond(ratio) && Math.max(ratio, 1 / ratio) - 1 > noiseRel;
        return new EntryChange(key, opOf(key), aMs, bMs, ratio, noiseRel, drifted);
    }

    static DriftSummary summarise(List<EntryChange> changes, int added, int missing, double overheadRatio, DriftOptions o) {
        double[] ratios = changes.stream().filter(EntryChange::compared).mapToDouble(EntryChange::ratio).sorted().toArray();
        double[] sizes = Arrays.stream(ratios).map(r -> Math.max(r, 1 / r) - 1).sorted().toArray();
        int drifted = (int) changes.stream().filter(EntryChange::drifted).count();
        int n = ratios.length;
        double median = n == 0 ? Double.NaN : SampleStats.median(ratios);
        double share = n == 0 ? 0 : (double) drifted / n;
        List<String> reasons = new ArrayList<>();
        String pct = String.format("+-%.0f %%", 100 * o.threshold());
        if (n > 0 && o.beyond(median)) {
            reasons.add(String.format("median ratio B/A %.3f is beyond %s", median, pct));
        }
        if (share > o.maxShare() && drifted >= MIN_DRIFTED) {
            reasons.add(String.format("%.1f %% of %d entries drifted beyond %s (allowed %.1f %%)", 100 * share, n, pct,
                    100 * o.maxShare()));
        }
        return new DriftSummary(changes.size(), n, changes.size() - n, median,
                n == 0 ? Double.NaN : SampleStats.quantile(ratios, 0.1), n == 0 ? Double.NaN : SampleStats.quantile(ratios, 0.9),
                n == 0 ? Double.NaN : SampleStats.quantile(sizes, 0.9), drifted, share, added, missing, overheadRatio,
                !reasons.isEmpty(), reasons);
    }

    private static String opOf(String key) {
        try {
            return KernelKey.parse(key).op();
        } catch (IllegalArgumentException e) {
            int semi = key.indexOf(';');
            return semi < 0 ? key : key.substring(0, semi);
        }
    }

    /** Provenance changes of the kinds that change what a table measures (device, runtime, firmware, clocks, ...). */
    public List<ProvenanceChange> significantProvenance() {
        return provenance.stream().filter(c -> c.category().explainsDrift()).toList();
    }

    /** The compared entries that changed, largest changes first. */
    public List<EntryChange> largestChanges(int limit) {
        return entries.stream().filter(e -> e.compared() && e.ratio() != 1)
                .sorted((x, y) -> Double.compare(Math.abs(Math.log(y.ratio())), Math.abs(Math.log(x.ratio()))))
                .limit(limit).toList();
    }
}
