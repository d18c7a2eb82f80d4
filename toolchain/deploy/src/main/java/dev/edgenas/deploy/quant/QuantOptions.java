package dev.edgenas.deploy.quant;

/**
 * @param method      range selection for activations
 * @param percentile  for PERCENTILE: the share of values kept at each end, e.g. 99.99
 * @param activations int8 or uint8 activations
 */
public record QuantOptions(CalibrationMethod method, double percentile, ActivationType activations) {
    public QuantOptions {
        if (!(percentile > 50 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (50, 100], got " + percentile);
        }
    }

    public static QuantOptions defaults() {
        return new QuantOptions(CalibrationMethod.MINMAX, 99.99, ActivationType.INT8);
    }
}
