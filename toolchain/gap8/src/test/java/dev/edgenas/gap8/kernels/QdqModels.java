package dev.edgenas.gap8.kernels;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.edgenas.ir.Attrs;
import dev.edgenas.ir.GraphBuilder;
import dev.edgenas.ir.Tensors;
import java.util.ArrayList;
import java.util.List;

/**
 * Single-operator int8 ONNX models built with the edgenas graph builder: QLinearConv, or the
 * standard QDQ form DequantizeLinear -> op -> QuantizeLinear that ONNX Runtime fuses into its
 * int8 kernels (or runs as reference float math).
 */
final class QdqModels {
    private static final TensorProto.DataType INT8 = TensorProto.DataType.INT8;

    private final GraphBuilder g;

    QdqModels(String name) {
        this.g = new GraphBuilder(name);
    }

    GraphBuilder graph() {
        return g;
    }

    /** Scale and zero-point initialisers for `name`; returns {scaleName, zpName}. */
    String[] qparam(String name, QParam q) {
        String s = g.initializer(Tensors.floats(name + "_scale", new long[0], new float[] {q.scale()}));
        String z = g.initializer(Tensors.int8s(name + "_zp", new long[0], new byte[] {(byte) q.zp()}, false));
        return new String[] {s, z};
    }

    /** An int8 graph input dequantised to float; returns the float tensor's name. */
    String dqInput(String name, QParam q, long... dims) {
        g.input(name, INT8, dims);
        String[] p = qparam(name, q);
        return g.node("DequantizeLinear", name + "_dq", List.of(name, p[0], p[1]));
    }

    /** Quantises `value` to the int8 graph output "y". */
    ModelProto quantizeOutput(String value, QParam q, long... dims) {
        String[] p = qparam("y", q);
        g.node("QuantizeLinear", "q", List.of(value, p[0], p[1]), List.of("y"));
        g.output("y", INT8, dims);
        return g.build();
    }

    /** QLinearConv with per-output-channel weight scales and an int32 bias. */
    static ModelProto qlinearConv(ConvSpec s, QParam x, float[] wScale, byte[] w, int[] bias, QParam y) {
        QdqModels m = new QdqModels("qlinearconv");
        GraphBuilder g = m.g;
        g.input("x", INT8, s.inShape());
        String[] xp = m.qparam("x", x);
        String[] yp = m.qparam("y", y);
        String wn = g.initializer(Tensors.int8s("w", s.wShape(), w, false));
        String ws = g.floats("w_scale", new long[] {s.outC()}, wScale);
        String wz = g.initializer(Tensors.int8s("w_zp", new long[] {s.outC()}, new byte[s.outC()], false));
        String b = g.initializer(Tensors.ints("b", new long[] {s.outC()}, bias));
        g.node("QLinearConv", "conv", List.of("x", xp[0], xp[1], wn, ws, wz, yp[0], yp[1], b), List.of("y"),
                s.attrs());
        g.output("y", INT8, s.outShape());
        return g.build();
    }

    /** DQ(x), DQ(w per channel), DQ(bias int32) -> Conv -> activation -> Q. */
    static ModelProto qdqConv(ConvSpec s, QParam x, float[] wScale, byte[] w, int[] bias, QParam y,
                              Activation act) {
        QdqModels m = new QdqModels("qdqconv");
        GraphBuilder g = m.g;
        String xf = m.dqInput("x", x, s.inShape());
        float[] bScale = new float[s.outC()];
        for (int c = 0; c < bScale.length; c++) {
            bScale[c] = x.scale() * wScale[c];
        }
        g.initializer(Tensors.int8s("w", s.wShape(), w, false));
        g.floats("w_scale", new long[] {s.outC()}, wScale);
        g.initializer(Tensors.int8s("w_zp", new long[] {s.outC()}, new byte[s.outC()], false));
        String wf = g.node("DequantizeLinear", "w_dq", List.of("w", "w_scale", "w_zp"), Attrs.i("axis", 0));
        g.initializer(Tensors.ints("b", new long[] {s.outC()}, bias));
        g.floats("b_scale", new long[] {s.outC()}, bScale);
        g.initializer(Tensors.ints("b_zp", new long[] {s.outC()}, new int[s.outC()]));
        String bf = g.node("DequantizeLinear", "b_dq", List.of("b", "b_scale", "b_zp"), Attrs.i("axis", 0));
        String v = g.node("Conv", "conv", List.of(xf, wf, bf), s.attrs());
        v = act.append(g, v);
        return m.quantizeOutput(v, y, s.outShape());
    }

    /** DQ -> op(attrs) -> Q for one-input operators (pools). */
    static ModelProto qdqUnary(String op, long[] inShape, QParam x, long[] outShape, QParam y,
                               AttributeProto... attrs) {
        QdqModels m = new QdqModels("qdq_" + op);
        String xf = m.dqInput("x", x, inShape);
        String v = m.g.node(op, "op", List.of(xf), attrs);
        return m.quantizeOutput(v, y, outShape);
    }

    /** DQ(a), DQ(b) -> Add -> activation -> Q. */
    static ModelProto qdqAdd(long[] shape, QParam a, QParam b, QParam y, Activation act) {
        QdqModels m = new QdqModels("qdq_add");
        String af = m.dqInput("a", a, shape);
        String bf = m.dqInput("b", b, shape);
        String v = act.append(m.g, m.g.node("Add", "add", List.of(af, bf)));
        return m.quantizeOutput(v, y, shape);
    }

    /** DQ(a), DQ(b) -> Mul (b broadcast when its shape is 1xCx1x1) -> Q. */
    static ModelProto qdqMul(long[] shape, long[] bShape, QParam a, QParam b, QParam y) {
        QdqModels m = new QdqModels("qdq_mul");
        String af = m.dqInput("a", a, shape);
        String bf = m.dqInput("b", b, bShape);
        return m.quantizeOutput(m.g.node("Mul", "mul", List.of(af, bf)), y, shape);
    }

    /** DQ -> HardSigmoid(alpha, beta) or HardSwish -> Q. */
    static ModelProto qdqHard(String op, long[] shape, QParam x, QParam y, float alpha, float beta) {
        QdqModels m = new QdqModels("qdq_" + op);
        String xf = m.dqInput("x", x, shape);
        String v = op.equals("HardSwish") ? m.g.node(op, "act", List.of(xf))
                : m.g.node(op, "act", List.of(xf), Attrs.f("alpha", alpha), Attrs.f("beta", beta));
        return m.quantizeOutput(v, y, shape);
    }

    /** DQ(x_i) -> Concat(axis 1) -> Q. */
    static ModelProto qdqConcat(List<long[]> shapes, List<QParam> qs, QParam y, long[] outShape) {
        QdqModels m = new QdqModels("qdq_concat");
        List<String> ins = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            ins.add(m.dqInput("x" + i, qs.get(i), shapes.get(i)));
        }
        String v = m.g.node("Concat", "concat", ins, Attrs.i("axis", 1));
        return m.quantizeOutput(v, y, outShape);
    }

    /** DQ -> Resize(linear, half_pixel, sizes) -> Q. */
    static ModelProto qdqResize(long[] inShape, QParam x, long[] outShape, QParam y) {
        QdqModels m = new QdqModels("qdq_resize");
        String xf = m.dqInput("x", x, inShape);
        String sizes = m.g.longs("sizes", outShape);
        String v = m.g.node("Resize", "resize", List.of(xf, "", "", sizes),
                Attrs.s("mode", "linear"), Attrs.s("coordinate_transformation_mode", "half_pixel"));
        return m.quantizeOutput(v, y, outShape);
    }

    /** Float activation after an op, fused by the kernels as a clamp. */
    enum Activation {
        NONE, RELU, RELU6;

        String append(GraphBuilder g, String v) {
            return switch (this) {
                case NONE -> v;
                case RELU -> g.node("Relu", "relu", List.of(v));
                case RELU6 -> {
                    g.floats("clip_min", new long[0], new float[] {0f});
                    g.floats("clip_max", new long[0], new float[] {6f});
                    yield g.node("Clip", "relu6", List.of(v, "clip_min", "clip_max"));
                }
            };
        }

        int min(QParam y) {
            return this == NONE ? -128 : Math.max(-128, y.zp());
        }

        int max(QParam y) {
            return this == RELU6 ? Requant.relu6Max(y.scale(), y.zp()) : 127;
        }
    }
}
