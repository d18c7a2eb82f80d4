package dev.edgenas.profile;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.edgenas.ir.Attrs;
import dev.edgenas.ir.GraphBuilder;
import dev.edgenas.ir.Tensors;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How a single-kernel model feeds its data and weights: plain float tensors (fp32 keys), or the
 * QDQ pattern of int8 models (uint8 activations and per-channel int8 weights behind
 * DequantizeLinear, output through QuantizeLinear), which ONNX Runtime turns into its quantized
 * kernels (QLinearConv, QLinearAdd, ...). uint8 activations with int8 weights is the combination
 * ONNX Runtime's x86 and ARM integer kernels are fastest with.
 */
abstract class KernelIo {
    static final float ACT_SCALE = 0.05f;
    static final float OUT_SCALE = 0.1f;

    final GraphBuilder g;
    final SplittableRandom rng;

    KernelIo(GraphBuilder g, SplittableRandom rng) {
        this.g = g;
        this.rng = rng;
    }

    static KernelIo of(String precision, GraphBuilder g, SplittableRandom rng) {
        return precision.equals("int8") ? new Qdq(g, rng) : new Fp32(g, rng);
    }

    /** Graph input {@code x<i>}; returns the float tensor the kernel reads. */
    abstract String input(int i, long[] shape);

    /** A weight tensor with He-like random values; returns the float tensor the kernel reads. */
    abstract String weight(String name, long[] dims, int fanIn);

    /** A bias of n values for a kernel whose weight is {@code weightName}. */
    abstract String bias(String name, int n);

    /** Name the kernel's last (float) node must give its output. */
    abstract String resultName();

    /** Declares the graph output {@code y} from the tensor named {@link #resultName()}. */
    abstract void output(long[] shape);

    /**
     * The output's range is [0, high] (the kernel ends in a ReLU-like activation; high infinite for ReLU): int8 kernels
     * then quantize it as deploy does (QuantPlan: activation folded into the range, zero point 0, scale high / 255),
     * so that ONNX Runtime drops the activation and runs the fused integer kernel, as in the deployed network.
     */
    void nonNegativeOutput(float high) {
    }

    float[] randomFloats(long n, float scale) {
        float[] f = new float[Math.toIntExact(n)];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (rng.nextDouble(-1, 1) * scale);
        }
        return f;
    }

    static final class Fp32 extends KernelIo {
        Fp32(GraphBuilder g, SplittableRandom rng) {
            super(g, rng);
        }

        @Override
        String input(int i, long[] shape) {
            return g.input("x" + i, shape);
        }

        @Override
        String weight(String name, long[] dims, int fanIn) {
            return g.floats(name, dims, randomFloats(Tensors.numel(dims), (float) Math.sqrt(6.0 / fanIn)));
        }

        @Override
        String bias(String name, int n) {
            return g.floats(name, new long[] {n}, randomFloats(n, 0.1f));
        }

        @Override
        String resultName() {
            return "y";
        }

        @Override
        void output(long[] shape) {
            g.output("y", shape);
        }
    }

    static final class Qdq extends KernelIo {
        private float[] lastWeightScales;
        private Float outHigh;

        @Override
        void nonNegativeOutput(float high) {
            outHigh = high;
        }

        Qdq(GraphBuilder g, SplittableRandom rng) {
            super(g, rng);
        }

        @Override
        String input(int i, long[] shape) {
            String q = g.input("x" + i, TensorProto.DataType.UINT8, shape);
            return dq("x" + i + ".dq", q, scalar("x" + i + ".scale", ACT_SCALE), u8zero("x" + i + ".zp"), -1);
        }

        @Override
        String weight(String name, long[] dims, int fanIn) {
            int cout = (int) dims[0];
            byte[] w = new byte[Math.toIntExact(Tensors.numel(dims))];
            for (int i = 0; i < w.length; i++) {
                w[i] = (byte) rng.nextInt(-127, 128);
            }
            lastWeightScales = new float[cout];
            for (int c = 0; c < cout; c++) {
                lastWeightScales[c] = (float) (Math.sqrt(6.0 / fanIn) / 127 * rng.nextDouble(0.5, 1.0));
            }
            g.initializer(Tensors.int8s(name, dims, w, false));
            g.floats(name + ".scale", new long[] {cout}, lastWeightScales);
            g.initializer(Tensors.int8s(name + ".zp", new long[] {cout}, new byte[cout], false));
            return dq(name + ".dq", name, name + ".scale", name + ".zp", 0);
        }

        /** int32 bias with scale input scale x weight scale per channel: what QLinearConv folds in. */
        @Override
        String bias(String name, int n) {
            int[] b = new int[n];
            float[] scale = new float[n];
            for (int c = 0; c < n; c++) {
                scale[c] = ACT_SCALE * (lastWeightScales == null ? 0.01f : lastWeightScales[c]);
                b[c] = rng.nextInt(-1000, 1000);
            }
            g.initializer(Tensors.ints(name, new long[] {n}, b));
            g.floats(name + ".scale", new long[] {n}, scale);
            g.initializer(Tensors.ints(name + ".zp", new long[] {n}, new int[n]));
            return dq(name + ".dq", name, name + ".scale", name + ".zp", 0);
        }

        @Override
        String resultName() {
            return "y.f";
        }

        @Override
        void output(long[] shape) {
            if (outHigh == null) {
                g.node("QuantizeLinear", "y", List.of(resultName(), scalar("y.scale", OUT_SCALE), u8zero("y.zp")));
            } else {
                float scale = Float.isInfinite(outHigh) ? OUT_SCALE : outHigh / 255f;
                String zp = g.initializer(Tensors.int8s("y.zp", new long[0], new byte[] {0}, true));
                g.node("QuantizeLinear", "y", List.of(resultName(), scalar("y.scale", scale), zp));
            }
            g.output("y", TensorProto.DataType.UINT8, shape);
        }

        private String dq(String out, String in, String scale, String zp, int axis) {
            return axis < 0 ? g.node("DequantizeLinear", out, List.of(in, scale, zp))
                    : g.node("DequantizeLinear", out, List.of(in, scale, zp), Attrs.i("axis", axis));
        }

        private String scalar(String name, float v) {
            return g.floats(name, new long[0], new float[] {v});
        }

        private String u8zero(String name) {
            return g.initializer(Tensors.int8s(name, new long[0], new byte[] {(byte) 128}, true));
        }
    }
}
