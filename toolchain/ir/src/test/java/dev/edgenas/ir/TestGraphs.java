package dev.edgenas.ir;

import java.util.List;

/** Small hand-made graphs whose shapes and costs the tests compute by hand. */
final class TestGraphs {
    private TestGraphs() {
    }

    static float[] ramp(int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (i % 7 - 3) * 0.01f;
        }
        return f;
    }

    static float[] fill(int n, float v) {
        float[] f = new float[n];
        java.util.Arrays.fill(f, v);
        return f;
    }

    /** conv 3x3/2 + BN + ReLU6, depthwise 3x3 dilated 2 + BN + ReLU, residual add + relu, pools, resize, concat. */
    static GraphBuilder block() {
        GraphBuilder b = new GraphBuilder("block");
        String x = b.input("input", 1, 8, 16, 16);
        b.floats("c1.w", new long[] {16, 8, 3, 3}, ramp(16 * 8 * 9));
        b.node("Conv", "c1", List.of(x, "c1.w"), Attrs.ints("kernel_shape", 3, 3), Attrs.ints("strides", 2, 2),
                Attrs.ints("pads", 1, 1, 1, 1));
        bn(b, "c1.bn", "c1", 16);
        b.floats("lo", new long[] {}, new float[] {0f});
        b.floats("hi", new long[] {}, new float[] {6f});
        b.node("Clip", "c1.act", List.of("c1.bn", "lo", "hi"));
        b.floats("dw.w", new long[] {16, 1, 3, 3}, ramp(16 * 9));
        b.node("Conv", "dw", List.of("c1.act", "dw.w"), Attrs.ints("kernel_shape", 3, 3), Attrs.i("group", 16),
                Attrs.ints("dilations", 2, 2), Attrs.ints("pads", 2, 2, 2, 2));
        bn(b, "dw.bn", "dw", 16);
        b.node("Relu", "dw.act", List.of("dw.bn"));
        b.node("Add", "res", List.of("dw.act", "c1.act"));
        b.node("Relu", "res.act", List.of("res"));
        b.node("MaxPool", "mp", List.of("res.act"), Attrs.ints("kernel_shape", 3, 3), Attrs.ints("strides", 2, 2),
                Attrs.ints("pads", 1, 1, 1, 1));
        b.node("AveragePool", "ap", List.of("res.act"), Attrs.ints("kernel_shape", 2, 2), Attrs.ints("strides", 2, 2));
        b.node("GlobalAveragePool", "gap", List.of("res.act"));
        b.longs("up.sizes", 1, 16, 4, 4);
        b.node("Resize", "gap.up", List.of("gap", "", "", "up.sizes"), Attrs.s("mode", "linear"),
                Attrs.s("coordinate_transformation_mode", "half_pixel"));
        b.node("Concat", "cat", List.of("mp", "ap", "gap.up"), Attrs.i("axis", 1));
        b.output("cat", 1, 48, 4, 4);
        return b;
    }

    static void bn(GraphBuilder b, String name, String x, int c) {
        b.floats(name + ".scale", new long[] {c}, fill(c, 1f));
        b.floats(name + ".bias", new long[] {c}, fill(c, 0f));
        b.floats(name + ".mean", new long[] {c}, fill(c, 0f));
        b.floats(name + ".var", new long[] {c}, fill(c, 1f));
        b.node("BatchNormalization", name, List.of(x, name + ".scale", name + ".bias", name + ".mean", name + ".var"),
                Attrs.f("epsilon", 1e-5f));
    }
}
