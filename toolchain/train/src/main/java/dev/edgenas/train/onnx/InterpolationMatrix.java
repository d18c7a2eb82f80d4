package dev.edgenas.train.onnx;

import dev.edgenas.core.BadInputException;

/**
 * The 1-D linear interpolation of ONNX Resize as a dense [out, in] weight matrix, computed the way
 * ONNX Runtime computes it (float arithmetic, source coordinate clamped to [0, in-1], no
 * anti-aliasing). Applying one matrix per spatial axis reproduces ORT exactly for downsampling and
 * for every coordinate mode, where PyTorch's own interpolation differs.
 */
final class InterpolationMatrix {
    private InterpolationMatrix() {
    }

    /** Source coordinate of output index o (ONNX coordinate_transformation_mode). */
    static float sourceCoordinate(String mode, int o, int in, int out, float scale) {
        return switch (mode) {
            case "half_pixel" -> (o + 0.5f) / scale - 0.5f;
            case "pytorch_half_pixel" -> out > 1 ? (o + 0.5f) / scale - 0.5f : 0f;
            case "align_corners" -> out == 1 ? 0f : o * (float) (in - 1) / (float) (out - 1);
            case "asymmetric" -> o / scale;
            default -> throw new BadInputException("Resize coordinate_transformation_mode '" + mode
                    + "' is not supported by the training converter (half_pixel, pytorch_half_pixel, align_corners, asymmetric)");
        };
    }

    /** Row-major [out][in] weights. */
    static float[] weights(String mode, int in, int out, float scale) {
        float[] w = new float[out * in];
        for (int o = 0; o < out; o++) {
            float x = sourceCoordinate(mode, o, in, out, scale);
            x = Math.max(0f, Math.min(x, in - 1));
            int x0 = Math.min((int) x, in - 1);
            int x1 = Math.min(x0 + 1, in - 1);
            if (x0 == x1) {
                w[o * in + x0] = 1f;
            } else {
                w[o * in + x0] += Math.abs(x - x1);
                w[o * in + x1] += Math.abs(x - x0);
            }
        }
        return w;
    }

    static boolean isIdentity(float[] w, int in, int out) {
        if (in != out) {
            return false;
        }
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                if (w[o * in + i] != (o == i ? 1f : 0f)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Transposed copy, [in][out], so that x[..., in] @ t gives [..., out]. */
    static float[] transpose(float[] w, int in, int out) {
        float[] t = new float[in * out];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                t[i * out + o] = w[o * in + i];
            }
        }
        return t;
    }
}
