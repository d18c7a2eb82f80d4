package dev.edgenas.profile;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.core.BadInputException;
import dev.edgenas.ir.Attrs;
import dev.edgenas.ir.GraphBuilder;
import dev.edgenas.ir.KernelKey;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the single-kernel ONNX model that a table entry is measured on: graph inputs {@code x0..},
 * the kernel, graph output {@code y}, random weights seeded by the key. BatchNormalization is already
 * folded (keys are fused kernels: a conv carries a bias instead); int8 keys become QDQ models (see
 * {@link KernelIo}).
 *
 * <p>In a network every kernel reads tensors that other kernels produced, in whatever layout the
 * runtime chose for them (ONNX Runtime on x86 keeps whole networks in its blocked NCHWc layout,
 * and only converts Resize, Concat or Add to it when their inputs already are). So each 4-D float
 * input first passes through a context node {@code ctx.x<i>}, a 1x1 MaxPool (a copy the runtime
 * handles in its network layout); profilers leave {@link #CONTEXT_PREFIX ctx.*} nodes out of the
 * kernel's time. KernelDetector finds the key in the model, besides those 1x1 pools.
 */
public final class KernelModelFactory {
    /** Name prefix of the context nodes that are not part of the kernel. */
    public static final String CONTEXT_PREFIX = "ctx.";

    public ModelProto build(KernelKey key) {
        GraphBuilder g = new GraphBuilder("kernel_" + key.op());
        g.metadata("edgenas.kernel", key.canonical());
        if (Kernels.isEmpty(key)) {
            g.node("Identity", "y", List.of(g.input("x0", 1)));
            g.output("y", 1);
            return g.build();
        }
        KernelIo io = KernelIo.of(key.precision(), g, new SplittableRandom(key.canonical().hashCode()));
        boolean act = !key.activation().equals("none");
        String core = act ? "k" : io.resultName();
        List<String> in = new ArrayList<>();
        for (int i = 0; i < key.inputs().size(); i++) {
            String x = io.input(i, dims(key.inputs().get(i)));
            // not for a standalone activation: the context pool would absorb it into a fused kernel
            boolean context = key.precision().equals("fp32") && key.inputs().get(i).size() == 4 && !key.op().equals("act");
            in.add(context ? g.node("MaxPool", CONTEXT_PREFIX + "x" + i, List.of(x), Attrs.ints("kernel_shape", 1, 1)) : x);
        }
        String x = in.get(0);
        String y = switch (key.op()) {
            case "conv", "dwconv" -> conv(key, io, x, core);
            case "add", "mul" -> g.node(key.op().equals("add") ? "Add" : "Mul", core,
                    List.of(x, in.size() > 1 ? in.get(1) : g.floats("b", new long[0], new float[] {0.5f})));
            case "concat" -> g.node("Concat", core, in, Attrs.i("axis", key.intParam("axis", 1)));
            case "resize" -> g.node("Resize", core, List.of(x, "", "", g.longs("sizes", dims(key.output()))),
                    Attrs.s("mode", key.params().get("mode")),
                    Attrs.s("coordinate_transformation_mode", key.params().get("ctm")));
            case "maxpool", "avgpool" -> g.node(key.op().equals("maxpool") ? "MaxPool" : "AveragePool", core,
                    List.of(x), poolAttrs(key));
            case "gap" -> key.output().size() == 4 ? g.node("GlobalAveragePool", core, List.of(x))
                    : g.node("ReduceMean", core, List.of(x), Attrs.ints("axes", 2, 3), Attrs.i("keepdims", 0));
            case "bn" -> batchNorm(key, io, x, core);
            case "act" -> x;
            default -> throw new BadInputException("kernel " + key + ": no single-kernel model for op " + key.op());
        };
        if (act || key.op().equals("act")) {
            activation(key, g, y, io.resultName());
            Float high = nonNegativeHigh(key.activation());
            if (high != null) {
                io.nonNegativeOutput(high);
            }
        }
        io.output(dims(key.output()));
        return g.build();
    }

    private static String conv(KernelKey key, KernelIo io, String x, String name) {
        int[] k = key.intsParam("k");
        int groups = key.intParam("g", 1);
        long cin = key.inChannels(0);
        long cout = key.outChannels();
        String w = io.weight("w", new long[] {cout, cin / groups, k[0], k[1]}, (int) (cin / groups * k[0] * k[1]));
        String b = io.bias("b", (int) cout);
        int[] s = key.intsParam("s");
        int[] d = key.intsParam("d");
        int[] p = key.intsParam("p");
        return io.g.node("Conv", name, List.of(x, w, b), Attrs.ints("kernel_shape", k[0], k[1]),
                Attrs.ints("strides", s[0], s[1]), Attrs.ints("dilations", d[0], d[1]),
                Attrs.ints("pads", p[0], p[1], p[2], p[3]), Attrs.i("group", groups));
    }

    private static AttributeProto[] poolAttrs(KernelKey key) {
        int[] k = key.intsParam("k");
        int[] s = key.intsParam("s");
        int[] p = key.intsParam("p");
        return new AttributeProto[] {Attrs.ints("kernel_shape", k[0], k[1]), Attrs.ints("strides", s[0], s[1]),
            Attrs.ints("pads", p[0], p[1], p[2], p[3]), Attrs.i("ceil_mode", key.intParam("ceil", 0))};
    }

    private static String batchNorm(KernelKey key, KernelIo io, String x, String name) {
        int c = (int) key.outChannels();
        long[] d = {c};
        return io.g.node("BatchNormalization", name, List.of(x, io.g.floats("scale", d, io.randomFloats(c, 1f)),
                io.g.floats("bias", d, io.randomFloats(c, 1f)), io.g.floats("mean", d, io.randomFloats(c, 1f)),
                io.g.floats("var", d, filled(c, 1f))), Attrs.f("epsilon", 1e-5f));
    }

    private static void activation(KernelKey key, GraphBuilder g, String x, String out) {
        String a = key.activation();
        switch (a) {
            case "relu" -> g.node("Relu", out, List.of(x));
            case "relu6" -> clip(g, x, out, 0f, 6f);
            case "hardswish" -> g.node("HardSwish", out, List.of(x));
            case "hardsigmoid" -> g.node("HardSigmoid", out, List.of(x));
            case "sigmoid" -> g.node("Sigmoid", out, List.of(x));
            case "tanh" -> g.node("Tanh", out, List.of(x));
            case "leakyrelu" -> g.node("LeakyRelu", out, List.of(x));
            default -> {
                if (!a.startsWith("clip(") || !a.endsWith(")") || !a.contains(":")) {
                    throw new BadInputException("kernel " + key + ": unknown activation " + a);
                }
                String[] lohi = a.substring(5, a.length() - 1).split(":");
                clip(g, x, out, Float.parseFloat(lohi[0]), Float.parseFloat(lohi[1]));
            }
        }
    }

    /** The upper end of a [0, high] activation (infinite for ReLU), null for activations that go below 0. */
    static Float nonNegativeHigh(String a) {
        if (a.equals("relu")) {
            return Float.POSITIVE_INFINITY;
        }
        if (a.equals("relu6")) {
            return 6f;
        }
        if (a.startsWith("clip(") && a.endsWith(")") && a.contains(":")) {
            String[] lohi = a.substring(5, a.length() - 1).split(":");
            if (Float.parseFloat(lohi[0]) == 0f) {
                return Float.parseFloat(lohi[1]);
            }
        }
        return null;
    }

    private static void clip(GraphBuilder g, String x, String out, float lo, float hi) {
        g.node("Clip", out, List.of(x, g.floats("clip.min", new long[0], new float[] {lo}),
                g.floats("clip.max", new long[0], new float[] {hi})));
    }

    static long[] dims(List<Long> shape) {
        return shape.stream().mapToLong(Long::longValue).toArray();
    }

    private static float[] filled(int n, float v) {
        float[] f = new float[n];
        java.util.Arrays.fill(f, v);
        return f;
    }
}
