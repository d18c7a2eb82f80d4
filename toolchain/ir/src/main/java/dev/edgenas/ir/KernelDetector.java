package dev.edgenas.ir;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Groups a graph's nodes into the fused kernels a runtime executes: Conv (+BatchNormalization)
 * (+activation), elementwise Add/Mul (+activation), Resize, Concat, pooling and standalone
 * activations. Shape-computation chains that fold to constants, Identity/Dropout and the
 * Quantize/DequantizeLinear glue of QDQ graphs cost nothing and belong to no kernel; a kernel fed
 * through DequantizeLinear has precision int8.
 *
 * <p>Depthwise and pointwise convolutions stay separate kernels: ONNX Runtime and edgenas' GAP8
 * kernels execute them separately, and keying pairs would square the size of a table.
 */
public final class KernelDetector {
    private static final Set<String> ACTIVATIONS = Set.of("Relu", "Clip", "HardSwish", "HardSigmoid", "Sigmoid", "LeakyRelu", "Tanh");
    private static final Set<String> GLUE = Set.of("Identity", "Dropout", "QuantizeLinear", "DequantizeLinear");

    private final Graph g;
    private final Map<String, TensorInfo> shapes;
    private final Set<NodeProto> taken = new HashSet<>();

    private KernelDetector(Graph g, Map<String, TensorInfo> shapes) {
        this.g = g;
        this.shapes = shapes;
    }

    /** Kernels of the graph in execution order, at batch size {@code batch}. */
    public static List<Kernel> detect(Graph g, int batch) {
        return detect(g, ShapeInference.infer(g, batch));
    }

    public static List<Kernel> detect(Graph g, Map<String, TensorInfo> shapes) {
        KernelDetector d = new KernelDetector(g, shapes);
        List<Kernel> out = new ArrayList<>();
        for (NodeProto n : g.nodes()) {
            if (d.taken.contains(n) || d.isFree(n)) {
                continue;
            }
            out.add(d.kernelAt(n));
        }
        return out;
    }

    private boolean isFree(NodeProto n) {
        TensorInfo o = shapes.get(n.getOutput(0));
        return GLUE.contains(n.getOpType()) || (o != null && o.isConstant())
                || n.getOpType().equals("Constant") || n.getOpType().equals("Shape");
    }

    private Kernel kernelAt(NodeProto n) {
        List<NodeProto> nodes = new ArrayList<>(List.of(n));
        Map<String, String> params = new TreeMap<>();
        String op;
        switch (n.getOpType()) {
            case "Conv" -> {
                ConvGeometry geo = ConvGeometry.of(g, n, in(n, 0).shape(), in(n, 1).shape());
                op = geo.isDepthwise() ? "dwconv" : "conv";
                params.putAll(geo.keyParams(true));
                absorb(nodes, "BatchNormalization");
            }
            case "Add", "Mul" -> op = n.getOpType().toLowerCase();
            case "Concat" -> {
                op = "concat";
                long axis = Attrs.getInt(n, "axis", 0);
                params.put("axis", Long.toString(axis < 0 ? axis + in(n, 0).rank() : axis));
            }
            case "Resize" -> {
                op = "resize";
                params.put("mode", Attrs.getString(n, "mode", "nearest"));
                params.put("ctm", Attrs.getString(n, "coordinate_transformation_mode", "half_pixel"));
            }
            case "MaxPool", "AveragePool" -> {
                op = n.getOpType().equals("MaxPool") ? "maxpool" : "avgpool";
                params.putAll(ConvGeometry.ofPool(g, n, in(n, 0).shape()).keyParams(false));
            }
            case "GlobalAveragePool", "ReduceMean" -> op = "gap";
            case "BatchNormalization" -> op = "bn";
            default -> {
                if (!ACTIVATIONS.contains(n.getOpType())) {
                    throw g.error(n, "unsupported operator " + n.getOpType() + ": no kernel covers it");
                }
                op = "act";
            }
        }
        String act = "none";
        if (ACTIVATIONS.contains(n.getOpType())) {
            act = activation(n);
        } else if (!op.equals("concat") && !op.equals("resize")) {
            NodeProto a = absorb(nodes, ACTIVATIONS);
            if (a != null) {
                act = activation(a);
            }
        }
        taken.addAll(nodes);
        NodeProto last = nodes.get(nodes.size() - 1);
        List<List<Long>> inputs = new ArrayList<>();
        long bytes = 0;
        long params0 = 0;
        for (String inName : dataInputs(n)) {
            TensorInfo t = shapes.get(inName);
            inputs.add(boxed(t.shape()));
            bytes += t.bytes();
        }
        TensorInfo outInfo = shapes.get(last.getOutput(0));
        bytes += outInfo.bytes();
        long macs = 0;
        long elem = 0;
        for (NodeProto m : nodes) {
            NodeCost c = NodeCost.of(g, m, shapes);
            macs += c.macs();
            elem += c.elementOps();
            params0 += c.params();
        }
        bytes += params0 * 4;
        String prec = isQuantized(n) ? "int8" : "fp32";
        KernelKey key = new KernelKey(op, inputs, boxed(outInfo.shape()), params, act, prec);
        return new Kernel(n.getName().isEmpty() ? n.getOutput(0) : n.getName(), key, List.copyOf(nodes),
                last.getOutput(0), macs, elem, params0, bytes);
    }

    /** Non-constant, non-weight inputs: what flows between kernels. */
    private List<String> dataInputs(NodeProto n) {
        List<String> r = new ArrayList<>();
        int limit = switch (n.getOpType()) {
            case "Conv", "Resize", "BatchNormalization", "Clip" -> 1;
            default -> n.getInputCount();
        };
        for (int i = 0; i < limit; i++) {
            String s = n.getInput(i);
            TensorInfo t = s.isEmpty() ? null : shapes.get(s);
            if (t != null && !t.isConstant() && !isWeight(s)) {
                r.add(s);
            }
        }
        return r;
    }

    private boolean isWeight(String tensor) {
        if (g.isInitializer(tensor)) {
            return true;
        }
        NodeProto p = g.producer(tensor);
        return p != null && p.getOpType().equals("DequantizeLinear") && g.isInitializer(p.getInput(0));
    }

    private boolean isQuantized(NodeProto n) {
        NodeProto p = g.producer(n.getInput(0));
        return p != null && p.getOpType().equals("DequantizeLinear");
    }

    private NodeProto absorb(List<NodeProto> nodes, String op) {
        return absorb(nodes, Set.of(op));
    }

    /** Appends the single consumer of the group's output if it has one of the given ops. */
    private NodeProto absorb(List<NodeProto> nodes, Set<String> ops) {
        String out = nodes.get(nodes.size() - 1).getOutput(0);
        List<NodeProto> cons = g.consumers(out);
        if (cons.size() != 1 || g.isGraphOutput(out) || !ops.contains(cons.get(0).getOpType())
                || !cons.get(0).getInput(0).equals(out)) {
            return null;
        }
        nodes.add(cons.get(0));
        return cons.get(0);
    }

    private String activation(NodeProto a) {
        return switch (a.getOpType()) {
            case "Relu" -> "relu";
            case "HardSwish" -> "hardswish";
            case "HardSigmoid" -> "hardsigmoid";
            case "Sigmoid" -> "sigmoid";
            case "Tanh" -> "tanh";
            case "LeakyRelu" -> "leakyrelu";
            default -> clip(a);
        };
    }

    private String clip(NodeProto a) {
        float lo = Float.NEGATIVE_INFINITY;
        float hi = Float.POSITIVE_INFINITY;
        if (g.opset() >= 11) {
            lo = clipBound(a, 1, lo);
            hi = clipBound(a, 2, hi);
        } else {
            lo = Attrs.getFloat(a, "min", lo);
            hi = Attrs.getFloat(a, "max", hi);
        }
        if (lo == 0f && hi == 6f) {
            return "relu6";
        }
        if (lo == 0f && hi == Float.POSITIVE_INFINITY) {
            return "relu";
        }
        return "clip(" + fmt(lo) + ":" + fmt(hi) + ")";
    }

    private float clipBound(NodeProto a, int i, float dflt) {
        if (i >= a.getInputCount() || a.getInput(i).isEmpty()) {
            return dflt;
        }
        String name = a.getInput(i);
        var init = g.initializer(name);
        if (init == null) {
            NodeProto p = g.producer(name);
            if (p != null && p.getOpType().equals("Constant")) {
                init = Attrs.find(p, "value").orElseThrow().getT();
            }
        }
        if (init == null) {
            throw g.error(a, "Clip bounds must be constants");
        }
        return Tensors.toFloats(init)[0];
    }

    private static String fmt(float f) {
        return f == (long) f ? Long.toString((long) f) : Float.toString(f);
    }

    private TensorInfo in(NodeProto n, int i) {
        return shapes.get(n.getInput(i));
    }

    private static List<Long> boxed(long[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
