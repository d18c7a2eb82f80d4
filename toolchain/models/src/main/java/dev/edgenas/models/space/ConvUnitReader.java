package dev.edgenas.models.space;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.edgenas.ir.Attrs;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.Tensors;
import java.util.List;

/**
 * Reads Conv [+ BatchNormalization] [+ Relu | Clip | HardSwish] chains; the BN and activation join only
 * single-consumer edges. HardSwish is either the ONNX op (opset 14+) or what PyTorch exports at opset 13:
 * {@code HardSigmoid(x)} and {@code Mul(x, HardSigmoid(x))} as the only two readers of x.
 */
final class ConvUnitReader {
    private final Graph g;

    ConvUnitReader(Graph g) {
        this.g = g;
    }

    static String name(NodeProto n) {
        return n.getName().isEmpty() ? n.getOutput(0) : n.getName();
    }

    /**
     * The only consumer of a tensor, or null when it has none or several (or it is a graph output). Shape
     * nodes do not count: PyTorch exports read sizes for Resize through them, and they never see channels.
     */
    NodeProto single(String tensor) {
        List<NodeProto> c = g.consumers(tensor).stream().filter(n -> !n.getOpType().equals("Shape")).toList();
        return c.size() == 1 && !g.isGraphOutput(tensor) ? c.get(0) : null;
    }

    ConvUnit read(NodeProto conv) {
        if (!conv.getOpType().equals("Conv")) {
            throw g.error(conv, "expected a Conv");
        }
        String weight = conv.getInput(1);
        if (!g.isInitializer(weight)) {
            throw g.error(conv, "the weight " + weight + " is not an initializer (constant weights are required)");
        }
        long[] w = Tensors.dims(g.initializer(weight));
        if (w.length != 4 || w[2] != w[3]) {
            throw g.error(conv, "only square 2-D kernels are supported, weight dims " + java.util.Arrays.toString(w));
        }
        String bias = conv.getInputCount() > 2 && !conv.getInput(2).isEmpty() ? conv.getInput(2) : null;
        if (bias != null && !g.isInitializer(bias)) {
            throw g.error(conv, "the bias " + bias + " is not an initializer");
        }
        int groups = (int) Attrs.getInt(conv, "group", 1);
        long[] dil = Attrs.getInts(conv, "dilations");
        int dilation = dil == null ? 1 : (int) dil[0];
        if (dil != null && dil.length == 2 && dil[0] != dil[1]) {
            throw g.error(conv, "unequal dilations are not supported");
        }
        String out = conv.getOutput(0);
        ConvUnit.BatchNorm bn = null;
        NodeProto next = single(out);
        if (next != null && next.getOpType().equals("BatchNormalization")) {
            for (int i = 1; i <= 4; i++) {
                if (!g.isInitializer(next.getInput(i))) {
                    throw g.error(next, "BatchNormalization input " + next.getInput(i) + " is not an initializer");
                }
            }
            bn = new ConvUnit.BatchNorm(name(next), out, next.getInput(1), next.getInput(2), next.getInput(3),
                    next.getInput(4), Attrs.getFloat(next, "epsilon", 1e-5f));
            out = next.getOutput(0);
            next = single(out);
        }
        String act = "none";
        if (next != null && (next.getOpType().equals("Relu") || next.getOpType().equals("Clip")
                || next.getOpType().equals("HardSwish"))) {
            act = next.getOpType().toLowerCase(java.util.Locale.ROOT);
            out = next.getOutput(0);
        } else if (next == null && hardSwishMul(out) != null) {
            act = "hardswish";
            out = hardSwishMul(out).getOutput(0);
        }
        return new ConvUnit(name(conv), conv.getInput(0), weight, bias, bn, out, (int) w[1] * groups, (int) w[0],
                (int) w[2], groups, dilation, act);
    }

    /**
     * The Mul of a decomposed HardSwish reading {@code x} (x's only readers are HardSigmoid(x) with PyTorch's
     * alpha 1/6, beta 1/2 and Mul(x, HardSigmoid(x))), or null.
     */
    NodeProto hardSwishMul(String x) {
        List<NodeProto> c = g.consumers(x).stream().filter(n -> !n.getOpType().equals("Shape")).toList();
        if (c.size() != 2 || g.isGraphOutput(x)) {
            return null;
        }
        NodeProto hs = c.get(0).getOpType().equals("HardSigmoid") ? c.get(0) : c.get(1);
        NodeProto mul = hs == c.get(0) ? c.get(1) : c.get(0);
        if (!hs.getOpType().equals("HardSigmoid") || !mul.getOpType().equals("Mul")
                || Math.abs(Attrs.getFloat(hs, "alpha", 0.2f) - 1f / 6) > 1e-6
                || Math.abs(Attrs.getFloat(hs, "beta", 0.5f) - 0.5f) > 1e-6) {
            return null;
        }
        List<String> in = mul.getInputList();
        boolean pair = in.size() == 2 && in.contains(x) && in.contains(hs.getOutput(0));
        return pair && single(hs.getOutput(0)) == mul ? mul : null;
    }

    /** The unit whose final output is {@code tensor}, walking back over the activation and BN. */
    ConvUnit producing(String tensor) {
        NodeProto p = g.producer(tensor);
        while (p != null && !p.getOpType().equals("Conv")
                && (p.getOpType().equals("Relu") || p.getOpType().equals("Clip") || p.getOpType().equals("HardSwish")
                || p.getOpType().equals("BatchNormalization") || p.getOpType().equals("Mul"))) {
            NodeProto q = g.producer(p.getInput(0));
            // a decomposed HardSwish's Mul reads x and HardSigmoid(x): walk back along x
            p = p.getOpType().equals("Mul") && q != null && q.getOpType().equals("HardSigmoid")
                    ? g.producer(p.getInput(1)) : q;
        }
        if (p == null || !p.getOpType().equals("Conv")) {
            return null;
        }
        ConvUnit u = read(p);
        return u.output().equals(tensor) ? u : null;
    }
}
