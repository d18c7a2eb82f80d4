package dev.edgenas.profile;

import dev.edgenas.ir.KernelKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;

/**
 * The one test-only device backend (shared through this module's test-jar): a simulated device that prints
 * {@link SampleLines} in nanoseconds, each run taking what {@code ms} supplies, and logs every run it is asked
 * for (kernel order, repetitions), so tests can see what the shared loop asked of it.
 */
public class FakeDevice implements DeviceBackend, KernelProfiler {
    /** The kernel order of every run, in the order the runs were asked for. */
    public final List<List<String>> orders = new ArrayList<>();
    /** The repetitions of every run. */
    public final List<Integer> reps = new ArrayList<>();
    private final DeviceFacts facts;
    private final int naturalBatch;
    private final DoubleSupplier ms;

    /**
     * @param deviceId     the device id the facts and output name
     * @param naturalBatch the profiler's natural batch (0: any burst size)
     * @param ms           the time of each timed run, in ms
     */
    public FakeDevice(String deviceId, int naturalBatch, DoubleSupplier ms) {
        this.facts = new DeviceFacts(deviceId, "test device", "fake", true, "fake", 1, "unknown", null, null, "fake", "1",
                1, null, Map.of());
        this.naturalBatch = naturalBatch;
        this.ms = ms;
    }

    @Override
    public synchronized RawOutput run(List<KernelKey> kernels, int warmup, int repetitions) {
        orders.add(kernels.stream().map(KernelKey::canonical).toList());
        reps.add(repetitions);
        List<String> lines = new ArrayList<>(List.of(SampleLines.HEADER));
        for (KernelKey k : kernels) {
            long[] v = new long[repetitions];
            for (int i = 0; i < repetitions; i++) {
                v[i] = Math.round(ms.getAsDouble() * 1e6);
            }
            lines.add(SampleLines.sample(SampleUnit.NS, k.canonical(), v));
        }
        return new RawOutput(facts.deviceId(), lines);
    }

    @Override
    public int naturalBatch() {
        return naturalBatch;
    }

    @Override
    public boolean samplesIncludeRunOverhead() {
        return false;
    }

    @Override
    public DeviceFacts facts() {
        return facts;
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
