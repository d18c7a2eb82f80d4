package dev.edgenas.deploy.gap8;

import java.util.List;

/** One layer of the integer network, as the en_* kernels execute it. */
public sealed interface IntLayer {
    /** The ONNX node the layer comes from. */
    String name();

    List<QTensor> inputs();

    QTensor output();

    /** Bytes of constant parameters (weights, bias, requant tables) the layer reads. */
    long paramBytes();

    /** Multiply-accumulates (or element operations for non-conv layers). */
    long ops();

    /** The en_* kernel function it calls. */
    String kernel();

    /** Conv: weights OIHW int8 symmetric, bias int32 (or null), per-channel weight scales. */
    record Conv(String name, QTensor x, QTensor output, byte[] weights, int[] bias, float[] weightScales,
                int kh, int kw, int sh, int sw, int dh, int dw, int padT, int padL, int padB, int padR,
                int groups) implements IntLayer {
        public List<QTensor> inputs() {
            return List.of(x);
        }

        public long paramBytes() {
            return weights.length + 4L * output.c() + 4L * output.c() + ((output.c() + 3) & ~3);
        }

        public long ops() {
            return (long) output.bytes() * (x.c() / groups) * kh * kw;
        }

        public boolean depthwise() {
            return groups > 1 && groups == x.c() && output.c() == x.c();
        }

        public boolean pointwise() {
            return kh == 1 && kw == 1 && groups == 1 && padT == 0 && padL == 0 && padB == 0 && padR == 0;
        }

        public String kernel() {
            return depthwise() ? "en_dwconv2d_s8" : pointwise() ? "en_pwconv2d_s8" : "en_conv2d_s8";
        }
    }

    record Pool(String name, boolean max, QTensor x, QTensor output, int kh, int kw, int sh, int sw,
                int padT, int padL, int padB, int padR) implements IntLayer {
        public List<QTensor> inputs() {
            return List.of(x);
        }

        public long paramBytes() {
            return 0;
        }

        public long ops() {
            return (long) output.bytes() * kh * kw;
        }

        public String kernel() {
            return max ? "en_maxpool_s8" : "en_avgpool_s8";
        }
    }

    record GlobalAvgPool(String name, QTensor x, QTensor output) implements IntLayer {
        public List<QTensor> inputs() {
            return List.of(x);
        }

        public long paramBytes() {
            return 0;
        }

        public long ops() {
            return x.bytes();
        }

        public String kernel() {
            return "en_global_avgpool_s8";
        }
    }

    record Resize(String name, QTensor x, QTensor output) implements IntLayer {
        public List<QTensor> inputs() {
            return List.of(x);
        }

        public long paramBytes() {
            return 0;
        }

        public long ops() {
            return 4L * output.bytes();
        }

        public String kernel() {
            return "en_resize_bilinear_s8";
        }
    }

    record Add(String name, QTensor a, QTensor b, QTensor output) implements IntLayer {
        public List<QTensor> inputs() {
            return List.of(a, b);
        }

        public long paramBytes() {
            return 0;
        }

        public long ops() {
            return output.bytes();
        }

        public String kernel() {
            return "en_add_s8";
        }
    }

    record Concat(String name, List<QTensor> inputs, QTensor output) implements IntLayer {
        public long paramBytes() {
            return 16L * inputs.size();
        }

        public long ops() {
            return output.bytes();
        }

        public String kernel() {
            return "en_concat_s8";
        }
    }

    /**
     * A pointwise int8 function as a 256-entry table (HardSigmoid, HardSwish): {@code table[x + 128]}, computed by
     * {@link dev.edgenas.gap8.codegen.LutTable} exactly as ONNX Runtime's DequantizeLinear -> float op -> QuantizeLinear computes it.
     */
    record Lut(String name, String function, QTensor x, QTensor output, byte[] table) implements IntLayer {
        public List<QTensor> inputs() {
            return List.of(x);
        }

        public long paramBytes() {
            return table.length;
        }

        public long ops() {
            return output.bytes();
        }

        public String kernel() {
            return "en_lut_s8";
        }
    }

    /**
     * Elementwise Mul of two int8 tensors, b of a's shape or one value per channel (1x1xC: the squeeze-excitation
     * scaling); the product of the centred values is requantised once.
     */
    record Mul(String name, QTensor a, QTensor b, QTensor output) implements IntLayer {
        public List<QTensor> inputs() {
            return List.of(a, b);
        }

        public boolean perChannel() {
            return b.h() == 1 && b.w() == 1 && (a.h() != 1 || a.w() != 1);
        }

        public long paramBytes() {
            return 0;
        }

        public long ops() {
            return output.bytes();
        }

        public String kernel() {
            return "en_mul_s8";
        }
    }
}
