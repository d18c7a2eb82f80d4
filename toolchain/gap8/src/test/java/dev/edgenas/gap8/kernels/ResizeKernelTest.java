package dev.edgenas.gap8.kernels;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** en_resize_bilinear_s8 against ONNX Runtime's Resize (linear, half_pixel) in QDQ form. */
class ResizeKernelTest {

    @ParameterizedTest(name = "{0}x{1}x{2} -> {3}x{4} same scale={5}")
    @CsvSource({
        "8, 8, 8, 16, 16, true",      // x2 (decoder upsampling)
        "8, 8, 8, 16, 16, false",
        "8, 4, 4, 16, 16, true",      // x4 (DeepLabV3+ final upsampling)
        "6, 4, 3, 16, 12, false",
        "16, 1, 1, 12, 12, true",     // ASPP image-pooling branch: 1x1 -> HxW
        "8, 10, 10, 16, 16, true",    // non-integer ratio 1.6
        "8, 7, 9, 12, 16, false",     // non-integer, different per axis
        "8, 16, 12, 10, 7, true",     // downsampling (no antialias in opset 17)
        "4, 2, 3, 15, 13, false"})
    void matchesOnnxRuntime(int c, int inH, int inW, int outH, int outW, boolean sameScale) {
        Random rnd = new Random(((c * 31 + inH) * 31 + inW) * 31L + outH * 7L + outW + (sameScale ? 1 : 0));
        QParam x = QParam.random(rnd, 0.01, 0.05);
        QParam y = sameScale ? x : QParam.random(rnd, 0.7 * x.scale(), 1.3 * x.scale());
        byte[] xq = QParam.randomInt8(rnd, c * inH * inW);
        long[] in = {1, c, inH, inW};
        long[] out = {1, c, outH, outW};
        ModelProto model = QdqModels.qdqResize(in, x, out, y);
        byte[] expected = Ort.run(model, Map.of("x", new Ort.Input(xq, in)));
        Requant r = Requant.of((double) x.scale() / y.scale());
        byte[] actual = new CHarness().int8s("x", xq).output("y", c * outH * outW)
                .kernel("en_resize_bilinear_s8", "en_resize_args_t", "x = x", "y = y", "c = " + c,
                        "in_h = " + inH, "in_w = " + inW, "out_h = " + outH, "out_w = " + outW,
                        "x_zp = " + x.zp(), "y_zp = " + y.zp(), "mult = " + r.mult(), "shift = " + r.shift(),
                        "act_min = -128", "act_max = 127")
                .run();
        Match.assertClose("en_resize_bilinear_s8", c + "x" + inH + "x" + inW + "->" + outH + "x" + outW
                + (sameScale ? "" : " rescaled"), expected, actual);
    }
}
