package dev.edgenas.gap8.kernels;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.gap8.kernels.QdqModels.Activation;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** en_conv2d_s8 / en_dwconv2d_s8 / en_pwconv2d_s8 against ONNX Runtime's QLinearConv and QDQ Conv. */
class ConvKernelTest {

    static Stream<Arguments> cases() {
        return Stream.of(
            // name, kernel, spec, activation, QDQ form (else QLinearConv)
            Arguments.of("3x3 s1 p1", "en_conv2d_s8", ConvSpec.square(8, 12, 10, 3, 1, 1, 1, 1), Activation.NONE, false),
            Arguments.of("3x3 s2 p1", "en_conv2d_s8", ConvSpec.square(8, 8, 11, 3, 2, 1, 1, 1), Activation.NONE, false),
            Arguments.of("3x3 dil2 p2", "en_conv2d_s8", ConvSpec.square(8, 8, 12, 3, 1, 2, 2, 1), Activation.NONE, false),
            Arguments.of("3x3 dil4 p4", "en_conv2d_s8", ConvSpec.square(6, 8, 12, 3, 1, 4, 4, 1), Activation.NONE, false),
            Arguments.of("3x3 dil4 no pad", "en_conv2d_s8", ConvSpec.square(4, 4, 13, 3, 1, 4, 0, 1), Activation.NONE, false),
            Arguments.of("grouped 4", "en_conv2d_s8", ConvSpec.square(16, 8, 9, 3, 1, 1, 1, 4), Activation.NONE, false),
            Arguments.of("asym pads 5x3", "en_conv2d_s8",
                new ConvSpec(8, 8, 10, 9, 5, 3, 1, 1, 2, 0, 1, 2, 1), Activation.NONE, false),
            Arguments.of("asym pads s2 (TF SAME)", "en_conv2d_s8",
                new ConvSpec(8, 16, 12, 12, 3, 3, 2, 1, 0, 0, 1, 1, 1), Activation.RELU6, true),
            Arguments.of("3x3 relu", "en_conv2d_s8", ConvSpec.square(8, 8, 10, 3, 1, 1, 1, 1), Activation.RELU, true),
            Arguments.of("3x3 relu6", "en_conv2d_s8", ConvSpec.square(8, 8, 10, 3, 1, 1, 1, 1), Activation.RELU6, true),
            Arguments.of("general dw 3x3 dil2", "en_conv2d_s8", ConvSpec.square(8, 8, 10, 3, 1, 2, 2, 8), Activation.NONE, false),
            Arguments.of("dw 3x3 s1", "en_dwconv2d_s8", ConvSpec.square(16, 16, 10, 3, 1, 1, 1, 16), Activation.NONE, false),
            Arguments.of("dw 3x3 s2", "en_dwconv2d_s8", ConvSpec.square(16, 16, 11, 3, 2, 1, 1, 16), Activation.RELU, true),
            Arguments.of("dw 3x3 dil2", "en_dwconv2d_s8", ConvSpec.square(12, 12, 12, 3, 1, 2, 2, 12), Activation.NONE, false),
            Arguments.of("dw 3x3 dil4 relu6", "en_dwconv2d_s8", ConvSpec.square(8, 8, 14, 3, 1, 4, 4, 8), Activation.RELU6, true),
            Arguments.of("dw 5x5 asym", "en_dwconv2d_s8",
                new ConvSpec(8, 8, 9, 11, 5, 5, 2, 1, 1, 2, 2, 1, 8), Activation.NONE, false),
            Arguments.of("pw 1x1", "en_pwconv2d_s8", ConvSpec.square(16, 12, 8, 1, 1, 1, 0, 1), Activation.NONE, false),
            Arguments.of("pw 1x1 relu", "en_pwconv2d_s8", ConvSpec.square(12, 16, 9, 1, 1, 1, 0, 1), Activation.RELU, true),
            Arguments.of("pw 1x1 s2", "en_pwconv2d_s8", ConvSpec.square(8, 8, 11, 1, 2, 1, 0, 1), Activation.NONE, false),
            Arguments.of("pw 1x1 on 1x1 (ASPP pool)", "en_pwconv2d_s8", ConvSpec.square(16, 8, 1, 1, 1, 1, 0, 1), Activation.RELU, true));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("cases")
    void matchesOnnxRuntime(String name, String kernel, ConvSpec s, Activation act, boolean qdq) {
        Random rnd = new Random(name.hashCode());
        QParam x = QParam.random(rnd, 0.01, 0.05);
        byte[] xq = QParam.randomInt8(rnd, s.inC() * s.h() * s.w());
        byte[] w = new byte[s.wCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) (rnd.nextInt(255) - 127); // symmetric range, no -128
        }
        float[] ws = new float[s.outC()];
        int[] bias = new int[s.outC()];
        int taps = (s.inC() / s.groups()) * s.kh() * s.kw();
        for (int c = 0; c < ws.length; c++) {
            ws[c] = (float) (0.002 + 0.01 * rnd.nextDouble());
            bias[c] = rnd.nextInt(2001 * taps) - 1000 * taps;
        }
        // output scale: about 3 standard deviations of the accumulator over the int8 range
        double accStd = 74.0 * 74.0 * Math.sqrt(taps) * x.scale() * 0.007;
        QParam y = new QParam((float) (3 * accStd / 127 * (0.8 + 0.4 * rnd.nextDouble())), rnd.nextInt(41) - 20);
        ModelProto model = qdq ? QdqModels.qdqConv(s, x, ws, w, bias, y, act)
                : QdqModels.qlinearConv(s, x, ws, w, bias, y);
        byte[] expected = Ort.run(model, Map.of("x", new Ort.Input(xq, s.inShape())));

        int[] mult = new int[s.outC()];
        int[] shift = new int[s.outC()];
        for (int c = 0; c < mult.length; c++) {
            // the same float32 products ORT uses, then exact double division
            Requant r = Requant.of((double) (x.scale() * ws[c]) / y.scale());
            mult[c] = r.mult();
            shift[c] = r.shift();
        }
        int outBytes = s.outC() * s.outH() * s.outW();
        byte[] actual = new CHarness().int8s("x", xq).int8s("w", w).int32s("bias", bias)
                .int32s("mult", mult).shifts("shift", shift).output("y", outBytes)
                .kernel(kernel, "en_conv2d_args_t", s.cFields(x, y, act.min(y), act.max(y)))
                .run();
        Match.assertClose(kernel, name, expected, actual);
    }
}
