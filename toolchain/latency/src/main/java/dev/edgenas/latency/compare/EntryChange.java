package dev.edgenas.latency.compare;

/**
 * One kernel key present in both tables.
 *
 * @param key      canonical kernel key
 * @param op       its operator (conv, dwconv, resize, ...)
 * @param aMs      kernel latency in table A (per A's overhead accounting)
 * @param bMs      the same in table B
 * @param ratio    B / A, both raised to the noise floor first; NaN when both are below it
 * @param noiseRel the two entries' relative 95 % CIs of the median added: a change within it is noise
 * @param drifted  the ratio is beyond the threshold and the change exceeds the noise
 */
public record EntryChange(String key, String op, double aMs, double bMs, double ratio, double noiseRel,
                          boolean drifted) {
    /** Whether this entry took part in the drift statistics (not below the noise floor in both tables). */
    public boolean compared() {
        return !Double.isNaN(ratio);
    }
}
