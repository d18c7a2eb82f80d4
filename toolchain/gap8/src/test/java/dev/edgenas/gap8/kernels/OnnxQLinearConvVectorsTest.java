package dev.edgenas.gap8.kernels;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.edgenas.ir.Attrs;
import dev.edgenas.ir.Tensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * ONNX's own QLinearConv test vectors (Debian libonnx-testdata), uint8 and asymmetric weights,
 * mapped exactly into the kernels' int8 scheme: q_int8 = q_uint8 - 128 shifts activations and
 * zero points alike; the effective weight w - w_zp is factored as k * w' with |w'| <= 127 and
 * the integer k moved into the weight scale, which leaves every product unchanged.
 */
class OnnxQLinearConvVectorsTest {
    static final Path DIR = Path.of("/usr/share/libonnx-testdata/data/node/test_qlinearconv");

    @Test
    void qlinearconv() throws IOException {
        if (!Files.isRegularFile(DIR.resolve("model.onnx"))) {
            throw new AssertionError(DIR + " missing: install the Debian package libonnx-testdata");
        }
        NodeProto node = ModelProto.parseFrom(Files.readAllBytes(DIR.resolve("model.onnx"))).getGraph().getNode(0);
        Path set = DIR.resolve("test_data_set_0");
        long[] x = longs(set, 0);
        long[] xDims = Tensors.dims(tensor(set, 0));
        float xScale = Tensors.toFloats(tensor(set, 1))[0];
        int xZp = (int) longs(set, 2)[0];
        long[] w = longs(set, 3);
        long[] wDims = Tensors.dims(tensor(set, 3));
        float[] wScale = Tensors.toFloats(tensor(set, 4));
        long[] wZp = longs(set, 5);
        float yScale = Tensors.toFloats(tensor(set, 6))[0];
        int yZp = (int) longs(set, 7)[0];
        long[] expectedU8 = Tensors.toLongs(TensorProto.parseFrom(Files.readAllBytes(set.resolve("output_0.pb"))));

        int outC = (int) wDims[0];
        int perC = w.length / outC;
        byte[] wq = new byte[w.length];
        int[] mult = new int[outC];
        int[] shift = new int[outC];
        for (int c = 0; c < outC; c++) {
            long zp = wZp[wZp.length == 1 ? 0 : c];
            long maxAbs = 0;
            for (int i = 0; i < perC; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(w[c * perC + i] - zp));
            }
            int k = factor(c, w, perC, zp, maxAbs);
            for (int i = 0; i < perC; i++) {
                wq[c * perC + i] = (byte) ((w[c * perC + i] - zp) / k);
            }
            Requant r = Requant.of((double) xScale * wScale[wScale.length == 1 ? 0 : c] * k / yScale);
            mult[c] = r.mult();
            shift[c] = r.shift();
        }
        long[] pads = orDefault(Attrs.getInts(node, "pads"), 0, 0, 0, 0);
        long[] strides = orDefault(Attrs.getInts(node, "strides"), 1, 1);
        long[] dil = orDefault(Attrs.getInts(node, "dilations"), 1, 1);
        ConvSpec s = new ConvSpec((int) xDims[1], outC, (int) xDims[2], (int) xDims[3], (int) wDims[2], (int) wDims[3],
                (int) strides[0], (int) dil[0], (int) pads[0], (int) pads[1], (int) pads[2], (int) pads[3],
                (int) Attrs.getInt(node, "group", 1));
        byte[] xq = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            xq[i] = (byte) (x[i] - 128);
        }
        byte[] expected = new byte[expectedU8.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) (expectedU8[i] - 128);
        }
        QParam xp = new QParam(xScale, xZp - 128);
        QParam yp = new QParam(yScale, yZp - 128);
        byte[] actual = new CHarness().int8s("x", xq).int8s("w", wq).int32s("bias", new int[outC])
                .int32s("mult", mult).shifts("shift", shift).output("y", expected.length)
                .kernel("en_conv2d_s8", "en_conv2d_args_t", s.cFields(xp, yp, -128, 127))
                .run();
        Match.assertClose("en_conv2d_s8", "onnx test_qlinearconv", expected, actual);
    }

    /** Smallest k >= 1 dividing every effective weight of channel c with all |w / k| <= 127. */
    private static int factor(int c, long[] w, int perC, long zp, long maxAbs) {
        for (int k = 1; k <= 255; k++) {
            if (maxAbs / k > 127) {
                continue;
            }
            boolean divides = true;
            for (int i = 0; i < perC && divides; i++) {
                divides = (w[c * perC + i] - zp) % k == 0;
            }
            if (divides) {
                return k;
            }
        }
        throw new AssertionError("channel " + c + ": effective weights do not map onto symmetric int8 exactly");
    }

    private static TensorProto tensor(Path set, int i) throws IOException {
        return TensorProto.parseFrom(Files.readAllBytes(set.resolve("input_" + i + ".pb")));
    }

    private static long[] longs(Path set, int i) throws IOException {
        return Tensors.toLongs(tensor(set, i));
    }

    private static long[] orDefault(long[] v, long... dflt) {
        return v != null ? v : dflt;
    }
}
