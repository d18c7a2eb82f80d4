package dev.edgenas.latency;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Robust statistics of latency samples. Timings are skewed (a busy core, an interrupt, a cold cache
 * only ever make a run slower), so the table's figure is the median, and its uncertainty is the
 * distribution-free confidence interval of the median from order statistics: no normality assumed.
 */
public final class SampleStats {
    private SampleStats() {
    }

    /** Linear-interpolated quantile q in [0,1] of sorted values. */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    public static double median(double[] sorted) {
        return quantile(sorted, 0.5);
    }

    /** Median absolute deviation from the median (unscaled). */
    public static double mad(double[] sorted) {
        double m = median(sorted);
        double[] dev = new double[sorted.length];
        for (int i = 0; i < dev.length; i++) {
            dev[i] = Math.abs(sorted[i] - m);
        }
        Arrays.sort(dev);
        return median(dev);
    }

    /**
     * Half-width of the confidence interval of the median, relative to the median. The interval runs
     * between the order statistics of ranks n/2 -+ z*sqrt(n)/2 (normal approximation of the binomial);
     * with fewer than 6 samples that interval is the whole range, so the full spread is returned.
     */
    public static double relativeMedianCi(double[] sorted, double confidence) {
        int n = sorted.length;
        double m = median(sorted);
        if (m <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double z = new NormalDistribution().inverseCumulativeProbability(0.5 + confidence / 2);
        int lo = (int) Math.floor(n / 2.0 - z * Math.sqrt(n) / 2.0);
        int hi = (int) Math.ceil(n / 2.0 + z * Math.sqrt(n) / 2.0);
        lo = Math.max(0, lo - 1);
        hi = Math.min(n - 1, hi);
        if (n < 6) {
            lo = 0;
            hi = n - 1;
        }
        return (sorted[hi] - sorted[lo]) / 2.0 / m;
    }

    /** All statistics of one entry from raw samples in milliseconds (order does not matter). */
    public static TableEntry entry(double[] samplesMs, double confidence, boolean capped) {
        double[] s = samplesMs.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElseThrow();
        double var = 0;
        for (double v : s) {
            var += (v - mean) * (v - mean);
        }
        double std = s.length > 1 ? Math.sqrt(var / (s.length - 1)) : 0;
        return new TableEntry(s.length, median(s), mean, std, quantile(s, 0.1), quantile(s, 0.9), mad(s),
                relativeMedianCi(s, confidence), capped, null);
    }
}
