package dev.edgenas.gap8.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.edgenas.gap8.codegen.HwcConv;
import dev.edgenas.gap8.kernels.QdqModels.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HWC kernels (en_hwc.c, portable C path) against ONNX Runtime's QLinearConv / QDQ Conv
 * (within one unit, exact share reported by {@link Match}) and bit-exact against the CHW
 * kernels on the same data. Tensors are transposed CHW <-> HWC (and OIHW -> OHWI) here.
 */
class HwcConvKernelTest {

    static Stream<Arguments> cases() {
        return Stream.of(
            // name, new kernel, old kernel, spec, activation, QDQ form
            Arguments.of("3x3 s1 p1", "en_hwc_conv2d_s8", "en_conv2d_s8", ConvSpec.square(8, 12, 10, 3, 1, 1, 1, 1), Activation.NONE, false),
            Arguments.of("3x3 s2 p1 odd pixels", "en_hwc_conv2d_s8", "en_conv2d_s8", ConvSpec.square(8, 8, 11, 3, 2, 1, 1, 1), Activation.RELU, true),
            Arguments.of("3x3 dil2 p2", "en_hwc_conv2d_s8", "en_conv2d_s8", ConvSpec.square(4, 8, 12, 3, 1, 2, 2, 1), Activation.NONE, false),
            Arguments.of("3x3 cin3 (k%4 != 0) s2", "en_hwc_conv2d_s8", "en_conv2d_s8", ConvSpec.square(3, 16, 13, 3, 2, 1, 1, 1), Activation.RELU6, true),
            Arguments.of("3x3 cout 10 (tail)", "en_hwc_conv2d_s8", "en_conv2d_s8", ConvSpec.square(12, 10, 7, 3, 1, 1, 1, 1), Activation.NONE, false),
            Arguments.of("asym pads 5x3", "en_hwc_conv2d_s8", "en_conv2d_s8",
                new ConvSpec(8, 8, 10, 9, 5, 3, 1, 1, 2, 0, 1, 2, 1), Activation.NONE, false),
            Arguments.of("asym pads s2 (TF SAME)", "en_hwc_conv2d_s8", "en_conv2d_s8",
                new ConvSpec(8, 16, 12, 12, 3, 3, 2, 1, 0, 0, 1, 1, 1), Activation.RELU6, true),
            Arguments.of("dw 3x3 s1", "en_hwc_dwconv2d_s8", "en_dwconv2d_s8", ConvSpec.square(16, 16, 10, 3, 1, 1, 1, 16), Activation.NONE, false),
            Arguments.of("dw 3x3 s2", "en_hwc_dwconv2d_s8", "en_dwconv2d_s8", ConvSpec.square(12, 12, 11, 3, 2, 1, 1, 12), Activation.RELU, true),
            Arguments.of("dw 3x3 dil2", "en_hwc_dwconv2d_s8", "en_dwconv2d_s8", ConvSpec.square(12, 12, 12, 3, 1, 2, 2, 12), Activation.NONE, false),
            Arguments.of("dw 3x3 dil4 relu6", "en_hwc_dwconv2d_s8", "en_dwconv2d_s8", ConvSpec.square(8, 8, 14, 3, 1, 4, 4, 8), Activation.RELU6, true),
            Arguments.of("dw 5x5 asym", "en_hwc_dwconv2d_s8", "en_dwconv2d_s8",
                new ConvSpec(8, 8, 9, 11, 5, 5, 2, 1, 1, 2, 2, 1, 8), Activation.NONE, false),
            Arguments.of("pw 1x1", "en_hwc_pwconv2d_s8", "en_pwconv2d_s8", ConvSpec.square(16, 12, 8, 1, 1, 1, 0, 1), Activation.NONE, false),
            Arguments.of("pw 1x1 relu cout 6", "en_hwc_pwconv2d_s8", "en_pwconv2d_s8", ConvSpec.square(12, 6, 9, 1, 1, 1, 0, 1), Activation.RELU, true),
            Arguments.of("pw 1x1 s2 cin 10", "en_hwc_pwconv2d_s8", "en_pwconv2d_s8", ConvSpec.square(10, 8, 11, 1, 2, 1, 0, 1), Activation.NONE, false),
            Arguments.of("pw 1x1 on 1x1 (ASPP pool)", "en_hwc_pwconv2d_s8", "en_pwconv2d_s8", ConvSpec.square(16, 8, 1, 1, 1, 1, 0, 1), Activation.RELU, true));
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("cases")
    void matchesOnnxRuntimeAndChwKernel(String name, String kernel, String old, ConvSpec s, Activation act, boolean qdq) {
        RandomConv r = RandomConv.of(name, s, act, qdq);
        int outBytes = s.outC() * s.outH() * s.outW();
        String[] fields = s.cFields(r.x(), r.y(), act.min(r.y()), act.max(r.y()));
        byte[] oldChw = new CHarness().int8s("x", r.xq()).int8s("w", r.w()).int32s("bias", r.bias())
                .int32s("mult", r.mult()).shifts("shift", r.shift()).output("y", outBytes)
                .kernel(old, "en_conv2d_args_t", fields).run();

        int kind = kernel.contains("dw") ? 1 : kernel.contains("pw") ? 2 : 0;
        // the planner's formula; the C guard below fails the run if en_hwc_buf_bytes wants more
        int bufBytes = HwcConv.bufBytes(kind, s.inC(), s.outC(), s.outW(), s.kh(), s.kw(), s.stride(), s.dil());
        List<String> hwcFields = new ArrayList<>(List.of(fields));
        hwcFields.add("buf = buf");
        hwcFields.add("buf_bytes = " + bufBytes);
        byte[] wHwc = s.groups() == 1 ? Layouts.oihwToOhwi(r.w(), s.outC(), s.inC(), s.kh(), s.kw()) : r.w();
        byte[] actualHwc = new CHarness().int8s("x", Layouts.chwToHwc(r.xq(), s.inC(), s.h(), s.w()))
                .int8s("w", wHwc).int32s("bias", r.bias()).int32s("mult", r.mult()).shifts("shift", r.shift())
                .decl("static int8_t buf[8 * " + bufBytes + "] __attribute__((aligned(4)));")
                .output("y", outBytes)
                .kernel(kernel, "en_hwc_conv_args_t", hwcFields.toArray(String[]::new))
                .guard("en_hwc_buf_bytes(&args, " + kind + ") != args.buf_bytes")
                .run();
        byte[] actual = Layouts.hwcToChw(actualHwc, s.outC(), s.outH(), s.outW());
        Match.assertClose(kernel, name, r.expected(), actual);
        assertArrayEquals(oldChw, actual, name + ": " + kernel + " differs from " + old);
    }
}
