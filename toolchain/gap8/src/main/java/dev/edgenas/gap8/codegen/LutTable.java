package dev.edgenas.gap8.codegen;

/**
 * The 256-entry table of a pointwise op that the GAP8 kernels run by lookup (en_lut_s8). Each entry is what ONNX
 * Runtime computes for that int8 input in a QDQ model, where HardSigmoid and HardSwish run in float between
 * DequantizeLinear and QuantizeLinear: dequantise ({@code (x - zp) * scale}), the op in float32, quantise (divide by
 * the scale, round half to even, add the zero point, saturate). Java's float arithmetic is IEEE single precision,
 * as ORT's is, so the table is exact (EltwiseKernelTest compares every entry with ORT).
 */
public final class LutTable {
    private LutTable() {
    }

    /** Whether the op has a table form. */
    public static boolean supported(String op) {
        return op.equals("HardSigmoid") || op.equals("HardSwish");
    }

    /**
     * The table, indexed by {@code x + 128}.
     *
     * @param alpha HardSigmoid's alpha (HardSwish: 1/6)
     * @param beta  HardSigmoid's beta (HardSwish: 0.5)
     */
    public static byte[] of(String op, float alpha, float beta, float xScale, int xZp, float yScale, int yZp) {
        boolean swish = op.equals("HardSwish");
        if (!supported(op)) {
            throw new IllegalArgumentException("no table form for " + op);
        }
        byte[] t = new byte[256];
        for (int q = -128; q <= 127; q++) {
            float v = (q - xZp) * xScale;
            float hs = Math.max(0f, Math.min(1f, (swish ? 1f / 6 : alpha) * v + (swish ? 0.5f : beta)));
            float r = swish ? v * hs : hs;
            long out = (long) Math.rint(r / yScale) + yZp;
            t[q + 128] = (byte) Math.max(-128, Math.min(127, out));
        }
        return t;
    }
}
