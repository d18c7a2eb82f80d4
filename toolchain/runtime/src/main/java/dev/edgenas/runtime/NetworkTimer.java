package dev.edgenas.runtime;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.latency.InterleavedSampler;
import dev.edgenas.latency.MeasurementPolicy;
import dev.edgenas.latency.TableEntry;
import dev.edgenas.ir.OnnxModels;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The one way edgenas measures whole networks on this host: each network in its own ONNX Runtime session made
 * with {@link OrtSettings} and timed by {@link OrtModelTimer} (exactly {@code session.run} on inputs made
 * beforehand), rounds interleaved across the networks in a fresh random order by the {@link InterleavedSampler}
 * that also builds kernel tables, each network stopped by the {@link MeasurementPolicy}. Table validation, the
 * search's measured pick and deployment's fp32-vs-int8 comparison all call this, so their "measured" figures
 * mean the same thing.
 */
public final class NetworkTimer {
    private NetworkTimer() {
    }

    /** Default stopping rule: 2 % CI of the median, 15 to 300 runs and at most 3 s of runs per network. */
    public static MeasurementPolicy defaultPolicy() {
        return new MeasurementPolicy(3, 15, 300, 0.02, 0.95, 3.0, true, Integer.MAX_VALUE);
    }

    /** Median milliseconds of each model file, in order (the files are timed interleaved, as {@link #measure}). */
    public static double[] medians(List<Path> files, OrtSettings settings, MeasurementPolicy policy) {
        return medians(files, settings, policy, 1);
    }

    /**
     * The same with each file timed in {@code sessions} sessions of its own (all interleaved in one measurement),
     * giving the median of their medians. One session's level depends on where its buffers happen to land: the
     * same network measured 2.21-2.33 ms in three sessions of one process and a ratio of two networks moved by
     * ~2.5 % (one standard deviation) between processes, more than the 2 % confidence interval one session stops
     * at; several sessions average that out.
     */
    public static double[] medians(List<Path> files, OrtSettings settings, MeasurementPolicy policy, int sessions) {
        Map<String, ModelProto> nets = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            ModelProto m = OnnxModels.read(files.get(i));
            for (int s = 0; s < sessions; s++) {
                nets.put(i + "#" + s + ":" + files.get(i), m);
            }
        }
        double[] all = measure(nets, settings, policy, null).values().stream().mapToDouble(TableEntry::median).toArray();
        double[] out = new double[files.size()];
        for (int i = 0; i < out.length; i++) {
            double[] one = java.util.Arrays.copyOfRange(all, i * sessions, (i + 1) * sessions);
            java.util.Arrays.sort(one);
            out[i] = dev.edgenas.latency.SampleStats.median(one);
        }
        return out;
    }

    /** The default rule with another cap on runs per network (the search's pick, a benchmark's rounds). */
    public static MeasurementPolicy policy(int warmup, int maxRuns) {
        MeasurementPolicy d = defaultPolicy();
        return new MeasurementPolicy(warmup, Math.min(d.minSamples(), maxRuns), maxRuns, d.targetRelCi(),
                d.confidence(), d.maxSecondsPerEntry(), true, Integer.MAX_VALUE);
    }

    /** Statistics (ms) of each network by name, in the given order; {@code progress} counts finished networks. */
    public static Map<String, TableEntry> measure(Map<String, ModelProto> networks, OrtSettings settings,
                                                  MeasurementPolicy policy, IntConsumer progress) {
        Map<String, OrtModelTimer> timers = new HashMap<>();
        int[] done = {0};
        try {
            for (Map.Entry<String, ModelProto> n : networks.entrySet()) {
                timers.put(n.getKey(), new OrtModelTimer(n.getKey(), n.getValue(), settings));
            }
            Map<String, TableEntry> got = new InterleavedSampler<String>(policy, 7).measure(
                    List.copyOf(networks.keySet()), (names, warmup, reps) -> {
                        Map<String, double[]> ms = new HashMap<>();
                        for (String name : names) {
                            long[] ns = timers.get(name).time(warmup, reps);
                            double[] v = new double[ns.length];
                            for (int i = 0; i < ns.length; i++) {
                                v[i] = ns[i] / 1e6;
                            }
                            ms.put(name, v);
                        }
                        return ms;
                    }, (name, e) -> {
                        if (progress != null) {
                            progress.accept(++done[0]);
                        }
                    });
            Map<String, TableEntry> ordered = new LinkedHashMap<>();
            networks.keySet().forEach(k -> ordered.put(k, got.get(k)));
            return ordered;
        } finally {
            timers.values().forEach(OrtModelTimer::close);
        }
    }
}
