package dev.edgenas.train.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.edgenas.ir.Attrs;
import dev.edgenas.ir.Graph;

/**
 * ONNX Resize (mode linear) over the two spatial axes. Upsampling with half-pixel centres uses
 * PyTorch's bilinear interpolation, which is identical to ONNX Runtime there; everything else
 * (downsampling, where PyTorch's kernel differs, align_corners, asymmetric, non-integral scales)
 * multiplies by one {@link InterpolationMatrix} per axis.
 */
final class ResizeKernel {
    private ResizeKernel() {
    }

    /**
     * @param scales the node's constant scales, or null when it gives sizes (then scale = out/in
     *               in float, as ONNX Runtime computes it)
     */
    static NodeOp of(Graph g, NodeProto n, long[] in, long[] out, float[] scales, NDManager constants) {
        String mode = Attrs.getString(n, "mode", "nearest");
        if (!mode.equals("linear")) {
            throw g.error(n, "Resize mode '" + mode + "' is not supported by the training converter (only linear)");
        }
        if (Attrs.getInt(n, "antialias", 0) != 0) {
            throw g.error(n, "Resize with antialias=1 is not supported by the training converter");
        }
        if (in.length != 4 || out.length != 4 || in[1] != out[1]) {
            throw g.error(n, "Resize must keep the channels of an NCHW tensor (only H and W are resized)");
        }
        String ctm = Attrs.getString(n, "coordinate_transformation_mode", "half_pixel");
        int inH = (int) in[2];
        int inW = (int) in[3];
        int outH = (int) out[2];
        int outW = (int) out[3];
        float sh = scales != null ? scales[2] : (float) outH / (float) inH;
        float sw = scales != null ? scales[3] : (float) outW / (float) inW;
        boolean halfPixel = ctm.equals("half_pixel") || ctm.equals("pytorch_half_pixel") && outH > 1 && outW > 1;
        boolean exactScale = sh == (float) outH / (float) inH && sw == (float) outW / (float) inW;
        if (halfPixel && exactScale && outH >= inH && outW >= inW) {
            long[] size = {outH, outW};
            return (x, t) -> x[0].getNDArrayInternal().interpolation(size, 1, false);
        }
        NDArray rows;
        NDArray cols;
        try {
            rows = axisMatrix(ctm, inH, outH, sh, constants);
            cols = axisMatrix(ctm, inW, outW, sw, constants);
        } catch (dev.edgenas.core.BadInputException e) {
            throw g.error(n, e.getMessage());
        }
        return (x, t) -> {
            NDArray y = x[0];
            if (cols != null) {
                y = y.matMul(cols);
            }
            if (rows != null) {
                y = y.transpose(0, 1, 3, 2).matMul(rows).transpose(0, 1, 3, 2);
            }
            return y;
        };
    }

    /** [in, out] matrix for one axis, or null when the axis is left unchanged. */
    private static NDArray axisMatrix(String ctm, int in, int out, float scale, NDManager m) {
        float[] w = InterpolationMatrix.weights(ctm, in, out, scale);
        if (InterpolationMatrix.isIdentity(w, in, out)) {
            return null;
        }
        return m.create(InterpolationMatrix.transpose(w, in, out), new Shape(in, out));
    }
}
