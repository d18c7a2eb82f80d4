package dev.edgenas.deploy.quant;

/**
 * Chooses an activation range [lo, hi] from calibration statistics: min/max as observed, a
 * percentile at each end, or the entropy (KL divergence) threshold of TensorRT's calibrator
 * applied to the histogram of |x|.
 */
public final class RangeEstimator {
    public static final int BINS = 2048;

    private RangeEstimator() {
    }

    /** Value range of the p-th percentile at each end of a histogram over [min, max]. */
    static double[] percentile(long[] hist, double min, double max, double p) {
        long total = 0;
        for (long h : hist) {
            total += h;
        }
        if (total == 0 || max <= min) {
            return new double[] {min, max};
        }
        double w = (max - min) / hist.length;
        double lowCount = total * (100 - p) / 100;
        double highCount = total * p / 100;
        long cum = 0;
        int lo = 0;
        while (lo < hist.length - 1 && cum + hist[lo] <= lowCount) {
            cum += hist[lo++];
        }
        cum = 0;
        int hi = 0;
        while (hi < hist.length - 1 && cum + hist[hi] < highCount) {
            cum += hist[hi++];
        }
        return new double[] {min + lo * w, Math.min(max, min + (hi + 1) * w)};
    }

    /**
     * KL-optimal clipping threshold for a histogram of |x| over [0, absMax]: the reference
     * distribution clipped at bin i (outliers added to the last bin) against its quantisation into
     * {@code levels} levels; the i with the smallest divergence wins.
     */
    static double entropyThreshold(long[] hist, double absMax, int levels) {
        int bins = hist.length;
        double w = absMax / bins;
        if (bins <= levels) {
            return absMax;
        }
        long[] suffix = new long[bins + 1];
        for (int j = bins - 1; j >= 0; j--) {
            suffix[j] = suffix[j + 1] + hist[j];
        }
        if (suffix[0] == 0) {
            return absMax;
        }
        double bestKl = Double.POSITIVE_INFINITY;
        int bestI = bins;
        double[] q = new double[bins];
        for (int i = levels; i <= bins; i++) {
            double per = (double) i / levels;
            for (int k = 0; k < levels; k++) {
                int start = (int) Math.floor(k * per);
                int end = k == levels - 1 ? i : (int) Math.floor((k + 1) * per);
                long sum = 0;
                int nonZero = 0;
                for (int j = start; j < end; j++) {
                    sum += hist[j];
                    nonZero += hist[j] != 0 ? 1 : 0;
                }
                for (int j = start; j < end; j++) {
                    q[j] = hist[j] != 0 ? (double) sum / nonZero : 0;
                }
            }
            double pTotal = suffix[0];
            double qTotal = suffix[0] - suffix[i];
            if (qTotal == 0) {
                continue;
            }
            double kl = 0;
            for (int j = 0; j < i; j++) {
                double pj = hist[j] + (j == i - 1 ? suffix[i] : 0);
                if (pj == 0) {
                    continue;
                }
                double pn = pj / pTotal;
                double qn = q[j] > 0 ? q[j] / qTotal : 1e-12;
                kl += pn * Math.log(pn / qn);
            }
            if (kl < bestKl) {
                bestKl = kl;
                bestI = i;
            }
        }
        return bestI * w;
    }
}
