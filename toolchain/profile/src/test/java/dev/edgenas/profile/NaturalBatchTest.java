package dev.edgenas.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.ir.KernelKey;
import dev.edgenas.latency.MeasurementPolicy;
import dev.edgenas.latency.TableEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A profiler that declares a natural batch gets bursts of exactly that size, one device run per round,
 * in a fresh order each round: every sample in an entry comes from the round that asked for it (no
 * samples of one device run handed out over several rounds), through the narrow measure(keys) entry point.
 */
class NaturalBatchTest {
    /** A noisy device (so entries take several rounds) that logs every run it is asked for. */
    static final class Batched implements DeviceBackend, KernelProfiler {
        final List<List<String>> orders = new ArrayList<>();
        final List<Integer> reps = new ArrayList<>();
        final Random noise = new Random(7);

        @Override
        public RawOutput run(List<KernelKey> kernels, int warmup, int repetitions) {
            orders.add(kernels.stream().map(KernelKey::canonical).toList());
            reps.add(repetitions);
            List<String> lines = new ArrayList<>(List.of(SampleLines.HEADER));
            for (KernelKey k : kernels) {
                long[] v = new long[repetitions];
                for (int i = 0; i < repetitions; i++) {
                    v[i] = Math.round(1e6 * (1 + 0.3 * noise.nextDouble()));
                }
                lines.add(SampleLines.sample(SampleUnit.NS, k.canonical(), v));
            }
            return new RawOutput("batched", lines);
        }

        @Override
        public int naturalBatch() {
            return 8;
        }

        @Override
        public boolean samplesIncludeRunOverhead() {
            return false;
        }

        @Override
        public DeviceFacts facts() {
            return new DeviceFacts("batched", "test", "batched", true, "x", 1, "unknown", null, null, "x", "1", 1, null,
                    Map.of());
        }

        @Override
        public KernelProfiler profiler() {
            return this;
        }

        @Override
        public SampleParser parser() {
            return SampleLines::parse;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void everyRoundIsOneDeviceRunOfTheNaturalBatchInAFreshOrder() {
        Batched b = new Batched();
        List<KernelKey> keys = new ArrayList<>();
        for (int c : new int[] {8, 16, 24, 32, 40}) {
            keys.add(KernelKey.parse("relu;in=1x" + c + "x8x8;out=1x" + c + "x8x8;act=none;prec=fp32"));
        }
        MeasurementPolicy policy = new MeasurementPolicy(1, 16, 40, 0.001, 0.95, 60, true, 16);
        Map<String, TableEntry> got = new TableProfiler(b, policy, "fp32", new TableProfiler.Listener() { }).measure(keys);
        assertEquals(keys.size(), got.size());
        // the CI target is out of reach: each entry stops at the 40-sample cap after 8 + 8 + 8 + 8 + 8
        got.values().forEach(e -> assertTrue(e.capped()));
        assertEquals(5, b.orders.size(), "one device run per round: " + b.orders);
        b.reps.forEach(r -> assertEquals(8, r));
        Set<List<String>> distinct = new HashSet<>(b.orders);
        assertTrue(distinct.size() > 1, "rounds in a fresh random order: " + b.orders);
    }
}
