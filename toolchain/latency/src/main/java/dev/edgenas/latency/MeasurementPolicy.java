package dev.edgenas.latency;

/**
 * The stopping rule every backend's entries are measured with, recorded in the table.
 *
 * @param warmup             untimed runs before each timed burst of a kernel (caches, allocators, JIT)
 * @param minSamples         samples before the stopping rule may stop an entry
 * @param maxSamples         hard cap on samples per entry
 * @param targetRelCi        stop once the median's confidence interval is within +-this fraction
 * @param confidence         confidence level of that interval
 * @param maxSecondsPerEntry time cap per entry (timed runs only); a capped entry is marked so
 * @param interleaved        rounds alternate between the kernels of a group, spreading slow drift
 * @param groupSize          kernels measured together (interleaved) between two checkpoints
 */
public record MeasurementPolicy(int warmup, int minSamples, int maxSamples, double targetRelCi, double confidence,
                                double maxSecondsPerEntry, boolean interleaved, int groupSize) {

    public static MeasurementPolicy defaults() {
        return new MeasurementPolicy(3, 15, 400, 0.02, 0.95, 3.0, true, 16);
    }

    public MeasurementPolicy {
        if (warmup < 0 || minSamples < 1 || maxSamples < minSamples || targetRelCi <= 0 || confidence <= 0
                || confidence >= 1 || maxSecondsPerEntry <= 0 || groupSize < 1) {
            throw new IllegalArgumentException("invalid measurement policy: warmup " + warmup + ", samples "
                    + minSamples + ".." + maxSamples + ", target " + targetRelCi + ", confidence " + confidence
                    + ", cap " + maxSecondsPerEntry + " s, group " + groupSize);
        }
    }

    /**
     * The policy for a device whose repeated runs give identical timings (a cycle-accurate
     * simulator such as GVSOC): the confidence interval is zero from the start, so more than three
     * samples after one warm-up run (instruction cache) only cost simulation time.
     */
    public MeasurementPolicy forDeterministicDevice() {
        int min = Math.min(minSamples, 3);
        return new MeasurementPolicy(Math.min(warmup, 1), min, Math.max(min, Math.min(maxSamples, 3)), targetRelCi,
                confidence, maxSecondsPerEntry, interleaved, groupSize);
    }
}
