package dev.edgenas.train.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.core.BadInputException;
import dev.edgenas.ir.Attrs;
import dev.edgenas.ir.FloatDiffs;
import dev.edgenas.ir.GraphBuilder;
import dev.edgenas.ir.OnnxChecker;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.train.OrtReference;
import dev.edgenas.train.TestModels;
import dev.edgenas.train.TorchRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each supported operator, alone in a graph: the converter's inference output equals ONNX Runtime's. */
class OperatorEquivalenceTest {
    static final int N = 2;
    static final int C = 4;
    static NDManager root;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        root = TorchRuntime.newManager(1);
    }

    @AfterAll
    static void stop() {
        root.close();
    }

    /** Builds a graph x[N,C,h,w] -> body -> y, checks it with onnx.checker, compares DJL and ORT. */
    private void check(String name, int h, int w, Function<GraphBuilder, String> body) {
        GraphBuilder g = new GraphBuilder(name);
        g.input("x", -1, C, h, w);
        String out = body.apply(g);
        g.node("Identity", "y", List.of(out));
        g.output("y");
        ModelProto model = TestModels.withInferredOutputShapes(g.build());
        Path file = dir.resolve(name + ".onnx");
        OnnxModels.write(model, file);
        OnnxChecker.check(file);
        long[] shape = {N, C, h, w};
        float[] x = OrtReference.random(name.hashCode(), N * C * h * w, 2f);
        float[] expected = OrtReference.run(file, "x", x, shape);
        try (NDManager step = root.newSubManager(); OnnxNetwork net = OnnxNetwork.of(model, file, root)) {
            NDArray y = net.forward(step.create(x, new Shape(shape)), false);
            float[] actual = y.toFloatArray();
            double diff = FloatDiffs.maxAbsDiff(expected, actual);
            assertTrue(diff < 1e-4, name + ": max |DJL - ORT| = " + diff);
        }
    }

    private static String weight(GraphBuilder g, String name, long... dims) {
        int n = 1;
        for (long d : dims) {
            n *= (int) d;
        }
        return g.floats(name, dims, OrtReference.random(name.hashCode(), n, 0.5f));
    }

    private static String conv(GraphBuilder g, String name, String in, int outC, int k, int stride, int dil, int groups,
                               long[] pads, boolean bias) {
        String w = weight(g, name + ".w", outC, C / groups, k, k);
        List<String> inputs = bias ? List.of(in, w, weight(g, name + ".b", outC)) : List.of(in, w);
        return g.node("Conv", name, inputs, Attrs.ints("kernel_shape", k, k), Attrs.ints("strides", stride, stride),
                Attrs.ints("dilations", dil, dil), Attrs.ints("pads", pads), Attrs.i("group", groups));
    }

    @Test
    void convolutions() {
        check("conv3x3", 9, 9, g -> conv(g, "c", "x", 6, 3, 1, 1, 1, new long[] {1, 1, 1, 1}, true));
        check("conv_strided_grouped", 10, 10, g -> conv(g, "c", "x", 6, 3, 2, 1, 2, new long[] {1, 1, 1, 1}, false));
        check("conv_dilated_depthwise", 12, 12, g -> conv(g, "c", "x", C, 3, 1, 2, C, new long[] {2, 2, 2, 2}, false));
        check("conv_asymmetric_pads", 9, 9, g -> conv(g, "c", "x", 5, 3, 2, 1, 1, new long[] {0, 0, 1, 1}, true));
        check("conv_same_upper", 9, 9, g -> g.node("Conv", "c", List.of("x", weight(g, "c.w", 3, C, 4, 4)),
                Attrs.ints("kernel_shape", 4, 4), Attrs.s("auto_pad", "SAME_UPPER")));
    }

    @Test
    void batchNormAndActivations() {
        check("batchnorm", 5, 5, g -> g.node("BatchNormalization", "bn", List.of("x", weight(g, "s", C),
                weight(g, "b", C), weight(g, "m", C), g.floats("v", new long[] {C}, new float[] {0.5f, 1f, 2f, 3f})),
                Attrs.f("epsilon", 1e-3f)));
        check("relu", 5, 5, g -> g.node("Relu", "r", List.of("x")));
        check("clip", 5, 5, g -> g.node("Clip", "r", List.of("x", g.floats("lo", new long[0], new float[] {-0.5f}),
                g.floats("hi", new long[0], new float[] {1.5f}))));
        check("clip_min_only", 5, 5, g -> g.node("Clip", "r", List.of("x", g.floats("lo", new long[0], new float[] {0.2f}))));
        check("hardsigmoid", 5, 5, g -> g.node("HardSigmoid", "r", List.of("x"), Attrs.f("alpha", 0.3f)));
        check("hardswish", 5, 5, g -> g.node("HardSwish", "r", List.of("x")));
        check("sigmoid", 5, 5, g -> g.node("Sigmoid", "r", List.of("x")));
    }

    @Test
    void arithmeticAndConcat() {
        check("add_broadcast_const_first", 5, 5, g -> g.node("Add", "a", List.of(weight(g, "k", 1, C, 1, 1), "x")));
        check("sub_const_first", 5, 5, g -> g.node("Sub", "a", List.of(weight(g, "k", 1, C, 1, 1), "x")));
        check("mul_swish", 5, 5, g -> g.node("Mul", "m", List.of("x", g.node("Sigmoid", "s", List.of("x")))));
        check("div_const", 5, 5, g -> g.node("Div", "m", List.of("x", g.floats("k", new long[0], new float[] {3f}))));
        check("concat", 5, 5, g -> g.node("Concat", "cat", List.of(g.node("Relu", "r", List.of("x")),
                weight(g, "k", N, 2, 5, 5), "x"), Attrs.i("axis", 1)));
        check("identity_chain", 5, 5, g -> g.node("Relu", "r", List.of(g.node("Identity", "i", List.of("x")))));
    }

    private static String resize(GraphBuilder g, String in, String ctm, float[] scales, long[] sizes) {
        String s = scales == null ? "" : g.floats("scales", new long[] {4}, scales);
        List<String> inputs = sizes == null ? List.of(in, "", s) : List.of(in, "", "", g.longs("sizes", sizes));
        return g.node("Resize", "rs", inputs, Attrs.s("mode", "linear"), Attrs.s("coordinate_transformation_mode", ctm));
    }

    @Test
    void resizeMatchesOrtInEveryDirection() {
        check("resize_up2", 6, 7, g -> resize(g, "x", "half_pixel", new float[] {1, 1, 2, 2}, null));
        check("resize_up4", 5, 5, g -> resize(g, "x", "half_pixel", new float[] {1, 1, 4, 4}, null));
        check("resize_1_to_n", 6, 6, g -> resize(g, g.node("GlobalAveragePool", "gap", List.of("x")), "half_pixel",
                null, new long[] {N, C, 9, 9}));
        check("resize_down_half", 16, 16, g -> resize(g, "x", "half_pixel", new float[] {1, 1, 0.5f, 0.5f}, null));
        check("resize_down_odd", 16, 13, g -> resize(g, "x", "half_pixel", null, new long[] {N, C, 6, 5}));
        check("resize_up_non_integral", 6, 6, g -> resize(g, "x", "half_pixel", null, new long[] {N, C, 10, 15}));
        check("resize_align_corners", 5, 6, g -> resize(g, "x", "align_corners", null, new long[] {N, C, 12, 11}));
        check("resize_asymmetric", 8, 8, g -> resize(g, "x", "asymmetric", new float[] {1, 1, 2, 0.5f}, null));
        check("resize_pytorch_half_pixel_down", 8, 8, g -> resize(g, "x", "pytorch_half_pixel", null, new long[] {N, C, 3, 1}));
        // sizes computed by a Shape/Slice/Concat chain, as PyTorch's exporter emits it
        check("resize_folded_sizes", 4, 4, g -> {
            String shape = g.node("Shape", "shape", List.of("x"));
            String nc = g.node("Slice", "nc", List.of(shape, g.longs("st", 0), g.longs("en", 2)));
            String sizes = g.node("Concat", "sz", List.of(nc, g.longs("hw", 12, 8)), Attrs.i("axis", 0));
            return g.node("Resize", "rs", List.of("x", "", "", sizes), Attrs.s("mode", "linear"));
        });
    }

    @Test
    void pools() {
        check("gap", 6, 5, g -> g.node("GlobalAveragePool", "p", List.of("x")));
        check("maxpool_pads", 9, 9, g -> g.node("MaxPool", "p", List.of("x"), Attrs.ints("kernel_shape", 3, 3),
                Attrs.ints("strides", 2, 2), Attrs.ints("pads", 1, 1, 1, 1)));
        check("maxpool_asymmetric", 8, 8, g -> g.node("MaxPool", "p", List.of("x"), Attrs.ints("kernel_shape", 3, 3),
                Attrs.ints("strides", 2, 2), Attrs.ints("pads", 0, 0, 1, 1)));
        check("avgpool_exclude_pad", 9, 9, g -> g.node("AveragePool", "p", List.of("x"), Attrs.ints("kernel_shape", 3, 3),
                Attrs.ints("strides", 2, 2), Attrs.ints("pads", 1, 1, 1, 1)));
        check("avgpool_include_pad", 9, 9, g -> g.node("AveragePool", "p", List.of("x"), Attrs.ints("kernel_shape", 3, 3),
                Attrs.ints("strides", 1, 1), Attrs.ints("pads", 1, 1, 1, 1), Attrs.i("count_include_pad", 1)));
        check("maxpool_ceil", 8, 8, g -> g.node("MaxPool", "p", List.of("x"), Attrs.ints("kernel_shape", 3, 3),
                Attrs.ints("strides", 2, 2), Attrs.i("ceil_mode", 1)));
        check("avgpool_ceil_pads", 8, 8, g -> g.node("AveragePool", "p", List.of("x"), Attrs.ints("kernel_shape", 3, 3),
                Attrs.ints("strides", 2, 2), Attrs.ints("pads", 1, 1, 1, 1), Attrs.i("ceil_mode", 1)));
        check("avgpool_asymmetric", 8, 8, g -> g.node("AveragePool", "p", List.of("x"), Attrs.ints("kernel_shape", 2, 2),
                Attrs.ints("strides", 2, 2), Attrs.ints("pads", 0, 0, 1, 1)));
        check("avgpool_2x2", 8, 8, g -> g.node("AveragePool", "p", List.of("x"), Attrs.ints("kernel_shape", 2, 2),
                Attrs.ints("strides", 2, 2)));
    }

    @Test
    void unsupportedOperatorNamesTheNode() {
        GraphBuilder g = new GraphBuilder("bad");
        g.input("x", -1, C, 4, 4);
        g.node("Tanh", "my_tanh", List.of("x"));
        g.output("my_tanh");
        BadInputException e = assertThrows(BadInputException.class, () -> OnnxNetwork.of(g.build(), Path.of("bad.onnx"), root));
        assertTrue(e.getMessage().contains("my_tanh") && e.getMessage().contains("Tanh"), e.getMessage());
        assertTrue(e.getMessage().contains("bad.onnx"), e.getMessage());
    }

    @Test
    void nearestResizeIsRejectedWithTheNodeName() {
        GraphBuilder g = new GraphBuilder("bad");
        g.input("x", -1, C, 4, 4);
        g.node("Resize", "up_nearest", List.of("x", "", g.floats("s", new long[] {4}, new float[] {1, 1, 2, 2})));
        g.output("up_nearest");
        BadInputException e = assertThrows(BadInputException.class, () -> OnnxNetwork.of(g.build(), null, root));
        assertTrue(e.getMessage().contains("up_nearest") && e.getMessage().contains("nearest"), e.getMessage());
    }
}
