package dev.edgenas.deploy.quant;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.edgenas.ir.Attrs;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.Tensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the quantizer does with each node of a prepared float graph, decided before any
 * calibration so that an unsupported graph fails at once, naming the node.
 *
 * <ul>
 *   <li>compute nodes (Conv, Add, Concat, Resize, GlobalAveragePool, AveragePool, MaxPool, Mul,
 *       Sigmoid, and MobileNetV3's HardSigmoid/HardSwish) run between DequantizeLinear inputs and a
 *       QuantizeLinear output;</li>
 *   <li>a Relu or Clip(0, hi) that is the only consumer of a Conv or Add is absorbed: the producer's
 *       output is quantised with the activation's range (lower end exactly 0), so QuantizeLinear's
 *       saturation performs the activation;</li>
 *   <li>MaxPool and nearest-mode Resize outputs reuse their input's parameters: ONNX Runtime then
 *       drops their Q/DQ pair and runs them directly on int8 data. A linear Resize gets its own
 *       calibrated range: ORT 1.29 keeps DQ -> Resize -> Q around it whatever the parameters (it
 *       interpolates in float), and with equal scales exact .5 ties are frequent (4x bilinear weights
 *       are multiples of 1/8), which float round-half-even and the GAP8 kernel's round-half-up
 *       would settle differently.</li>
 * </ul>
 */
public final class QuantPlan {
    public static final Set<String> COMPUTE = Set.of("Conv", "Add", "Concat", "Resize", "GlobalAveragePool",
            "AveragePool", "MaxPool", "Mul", "HardSigmoid", "HardSwish", "Sigmoid");
    /**
     * Operators kept between DequantizeLinear and QuantizeLinear for which ONNX Runtime 1.29 has no
     * int8 kernel: it runs them in float (DQ -> op -> Q), a float island whose cost the deploy report
     * shows. (Mul has one: QLinearMul.)
     */
    public static final Set<String> FLOAT_ISLANDS = Set.of("HardSigmoid", "HardSwish");
    static final Set<String> ABSORBING = Set.of("Conv", "Add");

    private final Graph g;
    private final List<NodeProto> ops = new ArrayList<>();
    /** compute node output -> tensor it finally writes (an absorbed activation's output). */
    private final Map<String, String> finalName = new LinkedHashMap<>();
    /** final tensor -> upper clamp of an absorbed activation (0..hi); absent: none. */
    private final Map<String, Float> activationHigh = new LinkedHashMap<>();
    /** tensor -> tensor whose parameters it reuses. */
    private final Map<String, String> sharesWith = new LinkedHashMap<>();
    private final Set<String> quantized = new LinkedHashSet<>();

    private QuantPlan(Graph g) {
        this.g = g;
    }

    public static QuantPlan of(Graph prepared) {
        QuantPlan p = new QuantPlan(prepared);
        p.build();
        return p;
    }

    private void build() {
        if (g.inputs().size() != 1) {
            throw dev.edgenas.core.BadInputException.at(g.source(), "graph.input",
                    "the quantizer needs exactly one data input, found " + g.inputs().size());
        }
        quantized.add(g.inputs().get(0).getName());
        Set<NodeProto> absorbedActs = new LinkedHashSet<>();
        for (NodeProto n : g.nodes()) {
            String op = n.getOpType();
            if (absorbedActs.contains(n)) {
                continue;
            }
            if (op.equals("Relu") || op.equals("Clip")) {
                throw g.error(n, "the int8 quantizer cannot handle a standalone " + op
                        + ": an activation must be the only consumer of a Conv or Add output");
            }
            if (!COMPUTE.contains(op)) {
                String why = op.equals("BatchNormalization")
                        ? "a BatchNormalization that does not directly follow a Conv cannot be folded"
                        : "operator " + op + " has no int8 form here";
                throw g.error(n, "the int8 quantizer cannot handle this node: " + why
                        + " (supported: Conv, Conv+BatchNormalization, Relu/Clip(0,x) after Conv or Add, Add, Concat, "
                        + "Resize, GlobalAveragePool, AveragePool, MaxPool, Mul, HardSigmoid, HardSwish, Sigmoid)");
            }
            checkDataInputs(n);
            String out = n.getOutput(0);
            String fin = out;
            NodeProto act = absorbable(n);
            if (act != null) {
                absorbedActs.add(act);
                fin = act.getOutput(0);
                activationHigh.put(fin, act.getOpType().equals("Relu") ? Float.POSITIVE_INFINITY : clipHigh(act));
            }
            finalName.put(out, fin);
            ops.add(n);
            quantized.add(fin);
            if (op.equals("MaxPool") || op.equals("Resize") && Attrs.getString(n, "mode", "nearest").equals("nearest")) {
                sharesWith.put(fin, n.getInput(0));
            }
        }
    }

    /** Data inputs must be quantised activations; Conv weights and bias must be initializers. */
    private void checkDataInputs(NodeProto n) {
        int data = switch (n.getOpType()) {
            case "Conv", "Resize", "GlobalAveragePool", "AveragePool", "MaxPool", "HardSigmoid", "HardSwish", "Sigmoid" -> 1;
            default -> n.getInputCount();
        };
        for (int i = 0; i < data; i++) {
            String in = n.getInput(i);
            if (!quantized.contains(in)) {
                throw g.error(n, "input " + in + " is a constant or computed by a non-quantizable node; "
                        + "the int8 quantizer needs every data input to be an activation");
            }
        }
        if (n.getOpType().equals("Conv")) {
            for (int i = 1; i < n.getInputCount(); i++) {
                if (!n.getInput(i).isEmpty() && !g.isInitializer(n.getInput(i))) {
                    throw g.error(n, "weights and bias must be initializers to be quantised");
                }
            }
        }
        if (n.getOpType().equals("Resize")) {
            for (int i = 1; i < n.getInputCount(); i++) {
                if (!n.getInput(i).isEmpty() && !g.isInitializer(n.getInput(i))) {
                    throw g.error(n, "Resize roi/scales/sizes must be initializers");
                }
            }
            String mode = Attrs.getString(n, "mode", "nearest");
            if (!mode.equals("linear") && !mode.equals("nearest")) {
                throw g.error(n, "Resize mode " + mode + " has no int8 form (linear and nearest do)");
            }
        }
    }

    private static boolean isAct(NodeProto n) {
        return n.getOpType().equals("Relu") || n.getOpType().equals("Clip");
    }

    private NodeProto absorbable(NodeProto n) {
        if (!ABSORBING.contains(n.getOpType()) || g.isGraphOutput(n.getOutput(0))) {
            return null;
        }
        List<NodeProto> cons = g.consumers(n.getOutput(0));
        if (cons.size() != 1 || !isAct(cons.get(0))) {
            return null;
        }
        NodeProto a = cons.get(0);
        if (a.getOpType().equals("Clip") && clipLow(a) != 0f) {
            throw g.error(a, "Clip with a lower bound other than 0 (" + clipLow(a) + ") has no int8 form here");
        }
        return a;
    }

    private float clipLow(NodeProto a) {
        return bound(a, 1, "min", Float.NEGATIVE_INFINITY);
    }

    private float clipHigh(NodeProto a) {
        return bound(a, 2, "max", Float.POSITIVE_INFINITY);
    }

    private float bound(NodeProto a, int idx, String attr, float dflt) {
        if (g.opset() < 11) {
            return Attrs.getFloat(a, attr, dflt);
        }
        if (idx >= a.getInputCount() || a.getInput(idx).isEmpty()) {
            return dflt;
        }
        var t = g.initializer(a.getInput(idx));
        if (t == null) {
            throw g.error(a, "Clip bounds must be initializers");
        }
        return Tensors.toFloats(t)[0];
    }

    public Graph graph() {
        return g;
    }

    /** Compute nodes in execution order. */
    public List<NodeProto> ops() {
        return ops;
    }

    /** The tensor a compute node finally writes (its own output, or its absorbed activation's). */
    public String finalOutput(NodeProto op) {
        return finalName.get(op.getOutput(0));
    }

    /** Every quantised activation tensor: the graph input and each compute node's final output. */
    public Set<String> quantizedTensors() {
        return quantized;
    }

    /** Upper bound of the absorbed activation writing this tensor, or null when none was absorbed. */
    public Float activationHigh(String tensor) {
        return activationHigh.get(tensor);
    }

    /** The tensor whose parameters this one reuses (Resize, MaxPool), or null. */
    public String sharesWith(String tensor) {
        return sharesWith.get(tensor);
    }

    public String input() {
        return g.inputs().get(0).getName();
    }
}
