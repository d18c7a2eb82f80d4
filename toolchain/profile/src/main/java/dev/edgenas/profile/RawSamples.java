package dev.edgenas.profile;

/**
 * Timed samples of one kernel in the unit the device counts in.
 *
 * @param key    canonical kernel key (or the key of {@link Kernels#EMPTY})
 * @param unit   nanoseconds or cycles
 * @param values one value per timed run
 */
public record RawSamples(String key, SampleUnit unit, double[] values) {
}
