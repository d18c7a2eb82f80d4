package dev.edgenas.deploy.gap8;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.edgenas.ir.Attrs;

/**
 * The 256-entry tables of the pointwise ops GAP8 runs by lookup. Each entry is what ONNX Runtime computes for
 * that int8 input in the QDQ model, where these ops run in float between DequantizeLinear and QuantizeLinear:
 * dequantise ({@code (x - zp) * scale}), the op in float32, quantise (divide by the scale, round half to even,
 * add the zero point, saturate). Java's float arithmetic is IEEE single precision, as ORT's is.
 */
final class LutTables {
    private LutTables() {
    }

    /** Whether the op has a table form. */
    static boolean supported(String op) {
        return op.equals("HardSigmoid") || op.equals("HardSwish");
    }

    static byte[] table(NodeProto n, QTensor x, QTensor y) {
        float alpha = n.getOpType().equals("HardSwish") ? 1f / 6 : Attrs.getFloat(n, "alpha", 0.2f);
        float beta = n.getOpType().equals("HardSwish") ? 0.5f : Attrs.getFloat(n, "beta", 0.5f);
        byte[] t = new byte[256];
        for (int q = -128; q <= 127; q++) {
            float v = (q - x.zeroPoint()) * x.scale();
            float hs = Math.max(0f, Math.min(1f, alpha * v + beta));
            float r = n.getOpType().equals("HardSwish") ? v * hs : hs;
            long out = (long) Math.rint(r / y.scale()) + y.zeroPoint();
            t[q + 128] = (byte) Math.max(-128, Math.min(127, out));
        }
        return t;
    }
}
