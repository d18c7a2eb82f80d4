package dev.edgenas.deploy.quant;

/**
 * Per-tensor affine quantisation of an activation: real = scale * (q - zeroPoint). Rounding and
 * saturation follow ONNX QuantizeLinear as ONNX Runtime computes it (float32 division, round half
 * to even), so Java-side quantisation of inputs matches ORT's bit for bit.
 */
public record QParams(float scale, int zeroPoint, ActivationType type) {

    /**
     * Parameters covering [lo, hi] widened to include 0 (zero must be exact: padding and Relu depend
     * on it). A tensor that is constantly 0 gets scale 1.
     */
    public static QParams fromRange(double lo, double hi, ActivationType t) {
        double rmin = Math.min(lo, 0);
        double rmax = Math.max(hi, 0);
        double s = (rmax - rmin) / (t.qmax - t.qmin);
        float scale = s > 0 && Double.isFinite(s) ? (float) s : 1f;
        long zp = Math.round(t.qmin - rmin / scale);
        zp = Math.max(t.qmin, Math.min(t.qmax, zp));
        return new QParams(scale, (int) zp, t);
    }

    public int quantize(float v) {
        float q = (float) Math.rint(v / scale) + zeroPoint;
        return (int) Math.max(type.qmin, Math.min(type.qmax, q));
    }

    public float dequantize(int q) {
        return (q - zeroPoint) * scale;
    }

    /** The same real grid expressed with int8 codes (uint8 q becomes q - 128, exactly). */
    public QParams asInt8() {
        return type == ActivationType.INT8 ? this : new QParams(scale, zeroPoint - 128, ActivationType.INT8);
    }

    /** Smallest and largest real values the parameters represent. */
    public double realMin() {
        return dequantize(type.qmin);
    }

    public double realMax() {
        return dequantize(type.qmax);
    }
}
