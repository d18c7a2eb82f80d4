package dev.edgenas.deploy.quant;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.edgenas.ir.Attrs;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.GraphBuilder;
import dev.edgenas.ir.Tensors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the QDQ model. Placement rules (they are what ONNX Runtime's QDQ transformer needs to fuse
 * each group into one int8 kernel; see docs/DEPLOY.md):
 * <ol>
 *   <li>each quantised tensor has one QuantizeLinear right after the node that writes it, and one
 *       DequantizeLinear per consumer (a DQ feeding two nodes can block both fusions);</li>
 *   <li>a compute node's data inputs all come from DequantizeLinear, its output goes only to that
 *       one QuantizeLinear;</li>
 *   <li>Conv weights are int8 initializers behind a per-channel DequantizeLinear (axis 0, zero point
 *       0), the bias an int32 initializer with scale x_scale * w_scale[c] behind another;</li>
 *   <li>MaxPool and nearest Resize use their input's scale and zero point on the output, so ORT
 *       drops the pair and runs them on int8 data (see QuantPlan for linear Resize);</li>
 *   <li>graph outputs are the DequantizeLinear of the last quantised tensor, under the original name.</li>
 * </ol>
 */
final class QdqEmitter {
    private final QuantPlan plan;
    private final Graph g;
    private final Map<String, QParams> params;
    private final GraphBuilder b;
    private final Map<String, Integer> dqCount = new HashMap<>();
    private final Map<String, String> quantizedName = new HashMap<>();
    private final List<WeightInfo> weights = new ArrayList<>();

    /** Per-channel weight scales of one Conv, for the manifest. */
    record WeightInfo(String node, float[] scales) {
    }

    QdqEmitter(QuantPlan plan, Map<String, QParams> params) {
        this.plan = plan;
        this.g = plan.graph();
        this.params = params;
        if (g.opset() < 13) {
            throw dev.edgenas.core.BadInputException.at(g.source(), "opset_import",
                    "opset " + g.opset() + " is too old for per-channel DequantizeLinear: need 13 or newer");
        }
        this.b = new GraphBuilder(g.model().getGraph().getName() + "_int8", g.opset());
    }

    List<WeightInfo> weights() {
        return weights;
    }

    ModelProto emit() {
        ValueInfoProto in = g.inputs().get(0);
        b.input(in.getName(), dims(in));
        quantize(in.getName(), in.getName());
        for (NodeProto n : plan.ops()) {
            List<String> inputs = new ArrayList<>();
            for (int i = 0; i < n.getInputCount(); i++) {
                String t = n.getInput(i);
                if (t.isEmpty()) {
                    inputs.add(t);
                } else if (plan.quantizedTensors().contains(t)) {
                    inputs.add(dequantized(t));
                } else if (n.getOpType().equals("Conv") && i == 1) {
                    inputs.add(weight(n, t));
                } else if (n.getOpType().equals("Conv") && i == 2) {
                    inputs.add(bias(n, t, n.getInput(0)));
                } else {
                    inputs.add(copyInitializer(t));
                }
            }
            String fin = plan.finalOutput(n);
            String floatOut = g.isGraphOutput(fin) ? fin + ".f" : fin;
            b.node(n.getOpType(), n.getName(), inputs, List.of(floatOut), n.getAttributeList().toArray(new AttributeProto[0]));
            quantize(floatOut, fin);
            if (g.isGraphOutput(fin)) {
                String q = quantizedName.get(fin);
                b.node("DequantizeLinear", fin + ".dq_out", List.of(q, scaleName(fin), zpName(fin)), List.of(fin));
            }
        }
        for (ValueInfoProto o : g.outputs()) {
            if (!plan.quantizedTensors().contains(o.getName())) {
                throw g.error(g.producer(o.getName()), "graph output " + o.getName() + " is not written by a quantised node");
            }
            b.output(o.getName(), dims(o));
        }
        ModelProto m = b.build();
        ModelProto.Builder mb = m.toBuilder().clearMetadataProps();
        for (StringStringEntryProto p : g.model().getMetadataPropsList()) {
            mb.addMetadataProps(p);
        }
        return mb.build();
    }

    /** Q after the float tensor {@code floatName}; {@code tensor} names its parameters. */
    private void quantize(String floatName, String tensor) {
        QParams p = params.get(tensor);
        if (p == null) {
            throw new IllegalStateException("no quantisation parameters for " + tensor);
        }
        b.initializer(Tensors.floats(scaleName(tensor), new long[0], new float[] {p.scale()}));
        b.initializer(Tensors.int8s(zpName(tensor), new long[0], new byte[] {(byte) p.zeroPoint()}, p.type().unsigned()));
        String q = tensor + ".q";
        b.node("QuantizeLinear", tensor + ".quantize", List.of(floatName, scaleName(tensor), zpName(tensor)), List.of(q));
        quantizedName.put(tensor, q);
    }

    private String dequantized(String tensor) {
        int k = dqCount.merge(tensor, 1, Integer::sum);
        String out = tensor + ".dq" + k;
        b.node("DequantizeLinear", out, List.of(quantizedName.get(tensor), scaleName(tensor), zpName(tensor)), List.of(out));
        return out;
    }

    private String weight(NodeProto conv, String name) {
        TensorProto t = g.initializer(name);
        float[] w = Tensors.toFloats(t);
        long[] dims = Tensors.dims(t);
        int outC = (int) dims[0];
        int per = w.length / outC;
        float[] scales = new float[outC];
        byte[] q = new byte[w.length];
        for (int o = 0; o < outC; o++) {
            float amax = 0;
            for (int i = 0; i < per; i++) {
                amax = Math.max(amax, Math.abs(w[o * per + i]));
            }
            float s = amax > 0 ? amax / 127f : 1f;
            scales[o] = s;
            for (int i = 0; i < per; i++) {
                float v = (float) Math.rint(w[o * per + i] / s);
                q[o * per + i] = (byte) Math.max(-127, Math.min(127, v));
            }
        }
        weights.add(new WeightInfo(nodeName(conv), scales));
        String base = nodeName(conv) + ".weight";
        b.initializer(Tensors.int8s(base + "_q", dims, q, false));
        b.initializer(Tensors.floats(base + "_scale", new long[] {outC}, scales));
        b.initializer(Tensors.int8s(base + "_zero_point", new long[] {outC}, new byte[outC], false));
        String out = base + "_dq";
        b.node("DequantizeLinear", out, List.of(base + "_q", base + "_scale", base + "_zero_point"), List.of(out),
                Attrs.i("axis", 0));
        return out;
    }

    private String bias(NodeProto conv, String name, String x) {
        float[] bias = Tensors.toFloats(g.initializer(name));
        float xs = params.get(x).scale();
        float[] ws = weights.get(weights.size() - 1).scales();
        int[] q = new int[bias.length];
        float[] scales = new float[bias.length];
        for (int o = 0; o < bias.length; o++) {
            scales[o] = xs * ws[o];
            double v = Math.rint(bias[o] / (double) scales[o]);
            q[o] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
        }
        String base = nodeName(conv) + ".bias";
        long[] dims = {bias.length};
        b.initializer(Tensors.ints(base + "_q", dims, q));
        b.initializer(Tensors.floats(base + "_scale", dims, scales));
        b.initializer(Tensors.ints(base + "_zero_point", dims, new int[bias.length]));
        String out = base + "_dq";
        b.node("DequantizeLinear", out, List.of(base + "_q", base + "_scale", base + "_zero_point"), List.of(out),
                Attrs.i("axis", 0));
        return out;
    }

    private String copyInitializer(String name) {
        TensorProto t = g.initializer(name);
        if (t == null) {
            throw new IllegalStateException("expected an initializer: " + name);
        }
        if (!b.has(name)) {
            b.initializer(t);
        }
        return name;
    }

    private static String nodeName(NodeProto n) {
        return n.getName().isEmpty() ? n.getOutput(0) : n.getName();
    }

    static String scaleName(String tensor) {
        return tensor + ".scale";
    }

    static String zpName(String tensor) {
        return tensor + ".zero_point";
    }

    private static long[] dims(ValueInfoProto v) {
        List<TensorShapeProto.Dimension> d = v.getType().getTensorType().getShape().getDimList();
        long[] out = new long[d.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.get(i).hasDimValue() ? d.get(i).getDimValue() : -1;
        }
        return out;
    }
}
