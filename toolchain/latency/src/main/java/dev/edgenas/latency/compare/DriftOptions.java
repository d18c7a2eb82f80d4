package dev.edgenas.latency.compare;

/**
 * What counts as drift between two tables.
 *
 * @param threshold relative change that makes an entry drifted: B/A above 1+threshold or below
 *                  1/(1+threshold) (symmetric on a log scale, so 2x slower and 2x faster weigh alike)
 * @param maxShare  the tables drifted when more than this share of the compared entries drifted
 *                  (and at least {@link TableDiff#MIN_DRIFTED} of them), or when the median ratio
 *                  itself is beyond the threshold
 * @param minMs     noise floor: entries below it in both tables are not compared (profiler
 *                  resolution; a 1 ns vs 2 ns kernel is no 2x drift), and a value below it counts as it
 */
public record DriftOptions(double threshold, double maxShare, double minMs) {
    public static final double DEFAULT_THRESHOLD = 0.10;
    public static final double DEFAULT_MAX_SHARE = 0.10;
    public static final double DEFAULT_MIN_MS = 0.005;

    public DriftOptions {
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be > 0, got " + threshold);
        }
        if (!(maxShare >= 0 && maxShare <= 1)) {
            throw new IllegalArgumentException("max share must be in [0, 1], got " + maxShare);
        }
        if (!(minMs >= 0) || Double.isInfinite(minMs)) {
            throw new IllegalArgumentException("noise floor must be >= 0 ms, got " + minMs);
        }
    }

    public static DriftOptions defaults() {
        return new DriftOptions(DEFAULT_THRESHOLD, DEFAULT_MAX_SHARE, DEFAULT_MIN_MS);
    }

    /** True when a ratio B/A lies beyond the threshold in either direction. */
    public boolean beyond(double ratio) {
        return Math.abs(Math.log(ratio)) > Math.log1p(threshold);
    }
}
