package dev.edgenas.ir;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.Map;

/**
 * Arithmetic cost of one node. Conventions (documented in docs/ARCHITECTURE.md):
 * <ul>
 *   <li>{@code macs}: multiply-accumulates of Conv (N*Cout*Hout*Wout*Cin/g*kh*kw), the usual figure
 *       papers compare; elementwise work is not counted as MACs.</li>
 *   <li>{@code elementOps}: one per output element for elementwise arithmetic (Add, Mul,
 *       BatchNormalization, activations), kh*kw per output for pooling, H*W per output of
 *       global pooling, 4 per output for bilinear Resize.</li>
 *   <li>{@code params}: elements of the float initializers a node owns as weights; for
 *       BatchNormalization only scale and bias count (running mean/var are buffers), as in PyTorch.</li>
 * </ul>
 */
public record NodeCost(long macs, long elementOps, long params) {
    public static final NodeCost ZERO = new NodeCost(0, 0, 0);

    public NodeCost plus(NodeCost o) {
        return new NodeCost(macs + o.macs, elementOps + o.elementOps, params + o.params);
    }

    public static NodeCost of(Graph g, NodeProto n, Map<String, TensorInfo> shapes) {
        TensorInfo out = shapes.get(n.getOutput(0));
        if (out == null || out.isConstant()) {
            return ZERO;
        }
        long outN = out.numel();
        return switch (n.getOpType()) {
            case "Conv" -> {
                long[] w = shapes.get(n.getInput(1)).shape();
                long macs = outN * w[1] * w[2] * w[3];
                yield new NodeCost(macs, 0, weightParams(g, n, 1) + weightParams(g, n, 2));
            }
            case "BatchNormalization" -> new NodeCost(0, outN, weightParams(g, n, 1) + weightParams(g, n, 2));
            case "Add", "Sub", "Mul", "Div", "Relu", "Clip", "HardSigmoid", "HardSwish", "Sigmoid",
                    "LeakyRelu", "Tanh" -> new NodeCost(0, outN, 0);
            case "MaxPool", "AveragePool" -> {
                long[] k = Attrs.getInts(n, "kernel_shape");
                yield new NodeCost(0, outN * k[0] * k[1], 0);
            }
            case "GlobalAveragePool", "GlobalMaxPool", "ReduceMean" -> new NodeCost(0, shapes.get(n.getInput(0)).numel(), 0);
            case "Resize" -> new NodeCost(0, Attrs.getString(n, "mode", "nearest").equals("linear") ? 4 * outN : outN, 0);
            default -> ZERO;
        };
    }

    private static long weightParams(Graph g, NodeProto n, int input) {
        if (input >= n.getInputCount()) {
            return 0;
        }
        TensorProto t = g.initializer(n.getInput(input));
        if (t == null) {
            // weights behind DequantizeLinear (QDQ models) still count as parameters
            NodeProto p = g.producer(n.getInput(input));
            if (p != null && p.getOpType().equals("DequantizeLinear")) {
                t = g.initializer(p.getInput(0));
            }
        }
        return t == null ? 0 : Tensors.numel(Tensors.dims(t));
    }
}
