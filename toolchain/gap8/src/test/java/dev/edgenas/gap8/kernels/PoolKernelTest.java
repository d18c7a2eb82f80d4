package dev.edgenas.gap8.kernels;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.ir.Attrs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** en_maxpool_s8, en_avgpool_s8, en_global_avgpool_s8 against ONNX Runtime (QDQ form). */
class PoolKernelTest {

    /** Pool geometry; pads top, left, bottom, right; ceil = ONNX ceil_mode. */
    record Pool(int c, int h, int w, int k, int stride, int padT, int padL, int padB, int padR, boolean ceil) {
        int outH() {
            return out(h + padT + padB);
        }

        int outW() {
            return out(w + padL + padR);
        }

        private int out(int padded) {
            int span = padded - k;
            return (ceil ? (span + stride - 1) / stride : span / stride) + 1;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
            Arguments.of("2x2 s2", new Pool(8, 8, 8, 2, 2, 0, 0, 0, 0, false), true),
            Arguments.of("3x3 s1 p1", new Pool(8, 10, 10, 3, 1, 1, 1, 1, 1, false), true),
            Arguments.of("3x3 s2 p1", new Pool(12, 13, 11, 3, 2, 1, 1, 1, 1, false), false),
            Arguments.of("3x3 s2 asym pads", new Pool(8, 12, 12, 3, 2, 0, 1, 1, 0, false), true),
            Arguments.of("2x2 s2 ceil_mode", new Pool(8, 9, 11, 2, 2, 0, 0, 0, 0, true), false),
            Arguments.of("5x5 s1 p2", new Pool(8, 9, 9, 5, 1, 2, 2, 2, 2, false), false));
    }

    @ParameterizedTest(name = "max {0} same scale={2}")
    @MethodSource("cases")
    void maxPool(String name, Pool p, boolean sameScale) {
        check("MaxPool", "en_maxpool_s8", name, p, sameScale);
    }

    @ParameterizedTest(name = "avg {0} same scale={2}")
    @MethodSource("cases")
    void averagePool(String name, Pool p, boolean sameScale) {
        check("AveragePool", "en_avgpool_s8", name, p, sameScale);
    }

    private static void check(String op, String kernel, String name, Pool p, boolean sameScale) {
        Random rnd = new Random((op + name).hashCode());
        QParam x = QParam.random(rnd, 0.01, 0.05);
        // a max of k*k values sits near the top of the range: only a coarser scale avoids saturation
        double lo = op.equals("MaxPool") ? 1.1 : 0.6;
        QParam y = sameScale ? x : QParam.random(rnd, lo * x.scale(), (lo + 0.5) * x.scale());
        byte[] xq = QParam.randomInt8(rnd, p.c() * p.h() * p.w());
        long[] in = {1, p.c(), p.h(), p.w()};
        long[] out = {1, p.c(), p.outH(), p.outW()};
        List<AttributeProto> attrs = new ArrayList<>(List.of(Attrs.ints("kernel_shape", p.k(), p.k()),
                Attrs.ints("strides", p.stride(), p.stride()),
                Attrs.ints("pads", p.padT(), p.padL(), p.padB(), p.padR())));
        if (p.ceil()) {
            attrs.add(Attrs.i("ceil_mode", 1));
        }
        ModelProto model = QdqModels.qdqUnary(op, in, x, out, y, attrs.toArray(new AttributeProto[0]));
        byte[] expected = Ort.run(model, Map.of("x", new Ort.Input(xq, in)));
        Requant r = Requant.of((double) x.scale() / y.scale());
        int outBytes = p.c() * p.outH() * p.outW();
        byte[] actual = new CHarness().int8s("x", xq).output("y", outBytes)
                .kernel(kernel, "en_pool_args_t", "x = x", "y = y", "c = " + p.c(),
                        "in_h = " + p.h(), "in_w = " + p.w(), "out_h = " + p.outH(), "out_w = " + p.outW(),
                        "k_h = " + p.k(), "k_w = " + p.k(), "stride_h = " + p.stride(), "stride_w = " + p.stride(),
                        "pad_t = " + p.padT(), "pad_l = " + p.padL(), "pad_b = " + p.padB(), "pad_r = " + p.padR(),
                        "x_zp = " + x.zp(), "y_zp = " + y.zp(), "mult = " + r.mult(), "shift = " + r.shift(),
                        "act_min = -128", "act_max = 127")
                .run();
        Match.assertClose(kernel, name + (sameScale ? "" : " rescaled"), expected, actual);
    }

    static Stream<Arguments> globalCases() {
        return Stream.of(Arguments.of(64, 8, 8, true), Arguments.of(32, 16, 16, false),
                Arguments.of(48, 13, 7, false), Arguments.of(16, 1, 1, true));
    }

    @ParameterizedTest(name = "global avg {0}x{1}x{2} same scale={3}")
    @MethodSource("globalCases")
    void globalAveragePool(int c, int h, int w, boolean sameScale) {
        Random rnd = new Random(31L * c + 7L * h + w);
        QParam x = QParam.random(rnd, 0.01, 0.05);
        // a mean over many values is narrow: a finer output scale keeps the test informative
        QParam y = sameScale ? x : QParam.random(rnd, 0.1 * x.scale(), 0.2 * x.scale());
        byte[] xq = QParam.randomInt8(rnd, c * h * w);
        long[] in = {1, c, h, w};
        ModelProto model = QdqModels.qdqUnary("GlobalAveragePool", in, x, new long[] {1, c, 1, 1}, y);
        byte[] expected = Ort.run(model, Map.of("x", new Ort.Input(xq, in)));
        Requant r = Requant.of((double) x.scale() / y.scale() / (h * w));
        byte[] actual = new CHarness().int8s("x", xq).output("y", c)
                .kernel("en_global_avgpool_s8", "en_global_pool_args_t", "x = x", "y = y",
                        "c = " + c, "h = " + h, "w = " + w, "x_zp = " + x.zp(), "y_zp = " + y.zp(),
                        "mult = " + r.mult(), "shift = " + r.shift(), "act_min = -128", "act_max = 127")
                .run();
        Match.assertClose("en_global_avgpool_s8", c + "x" + h + "x" + w + (sameScale ? "" : " rescaled"),
                expected, actual);
    }
}
