package dev.edgenas.deploy.quant;

/** How an activation's range is chosen from its calibration values. */
public enum CalibrationMethod {
    /** The observed minimum and maximum (no clipping; outliers widen the step). */
    MINMAX,
    /** The given percentile of the values at each end (clips rare outliers). */
    PERCENTILE,
    /** The clipping threshold that minimises the KL divergence between the value histogram and its quantised form. */
    ENTROPY;

    public static CalibrationMethod parse(String s) {
        try {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("calibration method must be minmax, percentile or entropy, not " + s);
        }
    }
}
