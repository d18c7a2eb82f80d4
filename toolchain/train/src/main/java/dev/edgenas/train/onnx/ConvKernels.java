package dev.edgenas.train.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.edgenas.ir.Attrs;
import dev.edgenas.ir.ConvGeometry;
import dev.edgenas.ir.Graph;

/**
 * Conv, BatchNormalization and the 2-D pools. PyTorch pads symmetrically, so asymmetric ONNX pads
 * (from auto_pad SAME_* or explicit pads) become an explicit pad before the op.
 */
final class ConvKernels {
    private ConvKernels() {
    }

    static NodeOp conv(ConvGeometry c, boolean hasBias) {
        Shape stride = new Shape(c.sh(), c.sw());
        Shape dilation = new Shape(c.dh(), c.dw());
        int groups = c.groups();
        if (symmetric(c)) {
            Shape pad = new Shape(c.padTop(), c.padLeft());
            return (in, t) -> Conv2d.conv2d(in[0], in[1], hasBias ? in[2] : null, stride, pad, dilation, groups)
                    .singletonOrThrow();
        }
        Shape pad = explicitPad(c);
        Shape none = new Shape(0, 0);
        return (in, t) -> Conv2d.conv2d(in[0].pad(pad, 0), in[1], hasBias ? in[2] : null, stride, none, dilation, groups)
                .singletonOrThrow();
    }

    /**
     * Inputs X, scale, B, running mean, running var. In training mode PyTorch normalises with the
     * batch statistics and updates the running arrays in place: running = m * running + (1 - m) * batch
     * with ONNX's momentum m (DJL converts to PyTorch's convention).
     */
    static NodeOp batchNorm(NodeProto n) {
        float eps = Attrs.getFloat(n, "epsilon", 1e-5f);
        float momentum = Attrs.getFloat(n, "momentum", 0.9f);
        return (in, training) -> BatchNorm.batchNorm(in[0], in[3], in[4], in[1], in[2], 1, momentum, eps, training)
                .singletonOrThrow();
    }

    static NodeOp maxPool(Graph g, NodeProto n, ConvGeometry c) {
        requireNoDilation(g, n);
        Shape kernel = new Shape(c.kh(), c.kw());
        Shape stride = new Shape(c.sh(), c.sw());
        if (torchPads(c)) {
            Shape pad = new Shape(c.padTop(), c.padLeft());
            return (in, t) -> Pool.maxPool2d(in[0], kernel, stride, pad, c.ceil());
        }
        Shape pad = explicitPad(c);
        return (in, t) -> Pool.maxPool2d(in[0].pad(pad, Double.NEGATIVE_INFINITY), kernel, stride, new Shape(0, 0),
                c.ceil());
    }

    /**
     * PyTorch's average pool (as DJL calls it) always counts padding in the divisor, whatever the
     * count_include_pad flag says. ONNX's default (count_include_pad=0) divides by the real
     * elements only, so the result is divided by the same pool applied to a map of ones: the share
     * of real elements in each window, a constant computed once.
     */
    static NodeOp averagePool(Graph g, NodeProto n, ConvGeometry c, NDManager constants) {
        requireNoDilation(g, n);
        boolean countPad = Attrs.getInt(n, "count_include_pad", 0) == 1;
        Shape kernel = new Shape(c.kh(), c.kw());
        Shape stride = new Shape(c.sh(), c.sw());
        boolean direct = torchPads(c);
        Shape pad = direct ? new Shape(c.padTop(), c.padLeft()) : new Shape(0, 0);
        Shape explicit = explicitPad(c);
        java.util.function.UnaryOperator<NDArray> pool = x -> Pool.avgPool2d(direct ? x : x.pad(explicit, 0),
                kernel, stride, pad, c.ceil(), true);
        if (countPad) {
            return (in, t) -> pool.apply(in[0]);
        }
        NDArray share = pool.apply(constants.ones(new Shape(1, 1, c.input()[2], c.input()[3])));
        return (in, t) -> pool.apply(in[0]).div(share);
    }

    private static void requireNoDilation(Graph g, NodeProto n) {
        long[] d = Attrs.getInts(n, "dilations");
        if (d != null && (d[0] != 1 || d[1] != 1)) {
            throw g.error(n, "dilated pooling is not supported by the training converter");
        }
    }

    /** Pads PyTorch's pooling takes directly: symmetric and at most half the kernel. */
    private static boolean torchPads(ConvGeometry c) {
        return symmetric(c) && c.padTop() <= c.kh() / 2 && c.padLeft() <= c.kw() / 2;
    }

    private static boolean symmetric(ConvGeometry c) {
        return c.padTop() == c.padBottom() && c.padLeft() == c.padRight();
    }

    /** torch's pad order: last axis first (left, right, top, bottom). */
    private static Shape explicitPad(ConvGeometry c) {
        return new Shape(c.padLeft(), c.padRight(), c.padTop(), c.padBottom());
    }
}
