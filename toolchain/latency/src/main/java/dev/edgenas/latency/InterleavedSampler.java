package dev.edgenas.latency;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The measurement loop shared by table building and validation: rounds over the unfinished items in
 * a fresh random order each round (so slow drift, a neighbour's build, thermal changes, spreads over
 * all items instead of biasing the ones measured during it), a burst of timed runs per item per
 * round, and per item the stopping rule of the {@link MeasurementPolicy}: stop once the median's
 * confidence interval is within the target, or when the sample or time cap is hit (marked capped).
 *
 * <p>Bursts are sized so that each item gets about {@value #ROUND_MS} ms of timed runs per round,
 * rounded down to a power of two so that items of similar speed share one device call. Every
 * burst runs after the policy's warm-up: the other items evicted caches, and a backend may load
 * the kernel afresh each round.
 */
public final class InterleavedSampler<T> {
    static final double ROUND_MS = 25;
    private static final int FIRST_BURST = 4;
    private static final int MAX_BURST = 64;

    /** Runs {@code reps} timed runs of each item after {@code warmup} untimed ones; samples in ms per item. */
    public interface Source<T> {
        Map<T, double[]> sample(List<T> items, int warmup, int reps);
    }

    private final MeasurementPolicy policy;
    private final Random rng;
    private final int naturalBatch;

    public InterleavedSampler(MeasurementPolicy policy, long seed) {
        this(policy, seed, 0);
    }

    /** With {@code naturalBatch > 0}, every burst is that size (the device's cost per run; see KernelProfiler). */
    public InterleavedSampler(MeasurementPolicy policy, long seed, int naturalBatch) {
        this.policy = policy;
        this.rng = new Random(seed);
        this.naturalBatch = naturalBatch;
    }

    /** Measures every item to completion; {@code onDone} is told as each one finishes. */
    public Map<T, TableEntry> measure(List<T> items, Source<T> source, BiConsumer<T, TableEntry> onDone) {
        Map<T, List<Double>> samples = new HashMap<>();
        Map<T, Double> spent = new HashMap<>();
        Map<T, TableEntry> done = new LinkedHashMap<>();
        List<T> active = new ArrayList<>(items);
        while (!active.isEmpty()) {
            if (policy.interleaved()) {
                Collections.shuffle(active, rng);
            }
            Map<Integer, List<T>> byBurst = new TreeMap<>();
            for (T item : active) {
                byBurst.computeIfAbsent(burst(samples.get(item)), b -> new ArrayList<>()).add(item);
            }
            for (Map.Entry<Integer, List<T>> e : byBurst.entrySet()) {
                Map<T, double[]> got = source.sample(e.getValue(), policy.warmup(), e.getKey());
                for (T item : e.getValue()) {
                    double[] v = got.get(item);
                    List<Double> all = samples.computeIfAbsent(item, k -> new ArrayList<>());
                    for (double x : v) {
                        all.add(x);
                        spent.merge(item, x, Double::sum);
                    }
                }
            }
            for (T item : new ArrayList<>(active)) {
                TableEntry entry = finished(samples.get(item), spent.get(item));
                if (entry != null) {
                    active.remove(item);
                    done.put(item, entry);
                    onDone.accept(item, entry);
                }
            }
        }
        return done;
    }

    private int burst(List<Double> s) {
        if (naturalBatch > 0) {
            return Math.max(1, Math.min(naturalBatch, policy.maxSamples() - (s == null ? 0 : s.size())));
        }
        if (s == null) { // never more than the policy allows in all (a deterministic device takes 3)
            return Math.min(FIRST_BURST, policy.maxSamples());
        }
        double[] sorted = s.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = SampleStats.median(sorted);
        int b = (int) Math.max(1, Math.min(MAX_BURST, ROUND_MS / Math.max(median, 1e-6)));
        b = Integer.highestOneBit(b);
        return Math.max(1, Math.min(b, policy.maxSamples() - s.size()));
    }

    private TableEntry finished(List<Double> s, double spentMs) {
        double[] v = s.stream().mapToDouble(Double::doubleValue).toArray();
        double[] sorted = v.clone();
        java.util.Arrays.sort(sorted);
        double ci = SampleStats.relativeMedianCi(sorted, policy.confidence());
        if (v.length >= policy.minSamples() && ci <= policy.targetRelCi()) {
            return SampleStats.entry(v, policy.confidence(), false);
        }
        if (v.length >= policy.maxSamples() || spentMs >= policy.maxSecondsPerEntry() * 1000) {
            return SampleStats.entry(v, policy.confidence(), true);
        }
        return null;
    }
}
