package dev.edgenas.gap8.kernels;

import dev.edgenas.gap8.kernels.QdqModels.Activation;
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
        RandomConv r = RandomConv.of(name, s, act, qdq);
        int outBytes = s.outC() * s.outH() * s.outW();
        byte[] actual = new CHarness().int8s("x", r.xq()).int8s("w", r.w()).int32s("bias", r.bias())
                .int32s("mult", r.mult()).shifts("shift", r.shift()).output("y", outBytes)
                .kernel(kernel, "en_conv2d_args_t", s.cFields(r.x(), r.y(), act.min(r.y()), act.max(r.y())))
                .run();
        Match.assertClose(kernel, name, r.expected(), actual);
    }
}
