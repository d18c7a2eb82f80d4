package dev.edgenas.train.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.edgenas.ir.Attrs;

/** Activations, broadcasting arithmetic and concatenation, with ONNX attribute defaults. */
final class ElementwiseKernels {
    private ElementwiseKernels() {
    }

    static NodeOp relu() {
        return (in, t) -> Activation.relu(in[0]);
    }

    static NodeOp sigmoid() {
        return (in, t) -> Activation.sigmoid(in[0]);
    }

    /** Clip bounds come from attributes (opset &lt; 11) or constant inputs; absent = unbounded. */
    static NodeOp clip(float min, float max) {
        return (in, t) -> in[0].clip(min, max);
    }

    static NodeOp hardSigmoid(NodeProto n) {
        float alpha = Attrs.getFloat(n, "alpha", 0.2f);
        float beta = Attrs.getFloat(n, "beta", 0.5f);
        return (in, t) -> in[0].mul(alpha).add(beta).clip(0f, 1f);
    }

    /** ONNX HardSwish: x * max(0, min(1, x/6 + 1/2)). */
    static NodeOp hardSwish() {
        return (in, t) -> in[0].mul(in[0].mul(1f / 6f).add(0.5f).clip(0f, 1f));
    }

    /**
     * Broadcasting Add/Sub/Mul/Div. When the first operand is a constant the op is rewritten so
     * that it is called on the activation (second operand).
     */
    static NodeOp binary(String op, boolean firstIsConstant) {
        if (!firstIsConstant) {
            return switch (op) {
                case "Add" -> (in, t) -> in[0].add(in[1]);
                case "Sub" -> (in, t) -> in[0].sub(in[1]);
                case "Mul" -> (in, t) -> in[0].mul(in[1]);
                default -> (in, t) -> in[0].div(in[1]);
            };
        }
        return switch (op) {
            case "Add" -> (in, t) -> in[1].add(in[0]);
            case "Sub" -> (in, t) -> in[1].neg().add(in[0]);
            case "Mul" -> (in, t) -> in[1].mul(in[0]);
            default -> (in, t) -> in[1].getNDArrayInternal().rdiv(in[0]);
        };
    }

    static NodeOp concat(int axis) {
        return (in, t) -> NDArrays.concat(new NDList(in), axis);
    }

    /** GlobalAveragePool as sum/count: DJL's mean over several axes is not supported on PyTorch. */
    static NodeOp globalAveragePool(long h, long w) {
        float inv = 1f / (h * w);
        return (in, t) -> in[0].sum(new int[] {2, 3}, true).mul(inv);
    }
}
