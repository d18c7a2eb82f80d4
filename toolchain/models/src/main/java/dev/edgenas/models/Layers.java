package dev.edgenas.models;

import dev.edgenas.ir.Attrs;
import dev.edgenas.ir.GraphBuilder;
import java.util.List;

/** Emits the layer patterns of the DeepLab family into a GraphBuilder, naming everything by prefix. */
final class Layers {
    static final float BN_EPSILON = 1e-5f;
    static final float BN_MOMENTUM = 0.9f;

    enum Act { NONE, RELU, RELU6 }

    private final GraphBuilder g;
    private final WeightInit init;

    Layers(GraphBuilder g, WeightInit init) {
        this.g = g;
        this.init = init;
    }

    /**
     * Conv (no bias) + BatchNormalization + activation; returns the output tensor name. Padding keeps the
     * size at stride 1 ("same" for odd kernels): dilation * (k - 1) / 2 on every side.
     */
    String convBnAct(String prefix, String in, int inC, int outC, int k, int stride, int dilation,
                     int groups, Act act) {
        int fanIn = inC / groups * k * k;
        float[] w = init.heNormal(DeepLabNames.convWeight(prefix), outC * fanIn, fanIn, act == Act.NONE ? 1 : 2);
        String weight = g.floats(DeepLabNames.convWeight(prefix), new long[] {outC, inC / groups, k, k}, w);
        String conv = conv(prefix + ".conv", in, weight, null, k, stride, dilation, groups);
        long[] c = {outC};
        String bn = g.node("BatchNormalization", prefix + ".bn", List.of(conv,
                        g.floats(DeepLabNames.bn(prefix, "scale"), c, WeightInit.filled(outC, 1f)),
                        g.floats(DeepLabNames.bn(prefix, "bias"), c, WeightInit.filled(outC, 0f)),
                        g.floats(DeepLabNames.bn(prefix, "mean"), c, WeightInit.filled(outC, 0f)),
                        g.floats(DeepLabNames.bn(prefix, "var"), c, WeightInit.filled(outC, 1f))),
                Attrs.f("epsilon", BN_EPSILON), Attrs.f("momentum", BN_MOMENTUM));
        return switch (act) {
            case NONE -> bn;
            case RELU -> g.node("Relu", prefix + ".relu", List.of(bn));
            case RELU6 -> g.node("Clip", prefix + ".relu6", List.of(bn, relu6Bound(DeepLabNames.RELU6_MIN, 0f),
                    relu6Bound(DeepLabNames.RELU6_MAX, 6f)));
        };
    }

    /** 1x1 conv with bias (the classifier): weights He normal with gain 1, bias 0. */
    String convWithBias(String name, String in, int inC, int outC) {
        String weight = g.floats(name + ".weight", new long[] {outC, inC, 1, 1},
                init.heNormal(name + ".weight", outC * inC, inC, 1));
        String bias = g.floats(name + ".bias", new long[] {outC}, WeightInit.filled(outC, 0f));
        return conv(name, in, weight, bias, 1, 1, 1, 1);
    }

    /** Bilinear upsampling by exact integer factors; the scales tensor is {@code name.scales}. */
    String resize(String name, String in, int factorH, int factorW) {
        String scales = g.floats(name + ".scales", new long[] {4}, new float[] {1f, 1f, factorH, factorW});
        return g.node("Resize", name, List.of(in, "", scales), Attrs.s("mode", "linear"),
                Attrs.s("coordinate_transformation_mode", "half_pixel"));
    }

    String concat(String name, List<String> inputs) {
        return g.node("Concat", name, inputs, Attrs.i("axis", 1));
    }

    String add(String name, String a, String b) {
        return g.node("Add", name, List.of(a, b));
    }

    String globalAveragePool(String name, String in) {
        return g.node("GlobalAveragePool", name, List.of(in));
    }

    private String conv(String name, String in, String weight, String bias, int k, int stride, int dilation,
                        int groups) {
        long pad = (long) dilation * (k - 1) / 2;
        List<String> inputs = bias == null ? List.of(in, weight) : List.of(in, weight, bias);
        return g.node("Conv", name, inputs, Attrs.ints("kernel_shape", k, k), Attrs.ints("strides", stride, stride),
                Attrs.ints("dilations", dilation, dilation), Attrs.ints("pads", pad, pad, pad, pad),
                Attrs.i("group", groups));
    }

    /** ReLU6 bounds are shared scalar initializers, created on first use. */
    private String relu6Bound(String name, float value) {
        return g.has(name) ? name : g.floats(name, new long[0], new float[] {value});
    }
}
