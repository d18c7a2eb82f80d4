package dev.edgenas.deploy.gap8;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.edgenas.ir.Attrs;
import dev.edgenas.ir.ConvGeometry;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.ShapeInference;
import dev.edgenas.ir.TensorInfo;
import dev.edgenas.ir.Tensors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a QDQ ONNX model (as the quantizer writes it) into the integer network the GAP8 kernels run:
 * every compute node's inputs must come from DequantizeLinear of a quantised tensor, its output must
 * go to exactly one QuantizeLinear. Anything else is an error naming the node.
 */
public final class QdqReader {
    private final Graph g;
    private final Map<String, TensorInfo> shapes;
    /** QuantizeLinear output -> the int8 tensor. */
    private final Map<String, QTensor> quantized = new HashMap<>();

    private QdqReader(Graph g) {
        this.g = g;
        this.shapes = ShapeInference.infer(g, 1);
    }

    public static IntNetwork read(Graph qdq) {
        return new QdqReader(qdq).build();
    }

    private IntNetwork build() {
        if (g.inputs().size() != 1) {
            throw dev.edgenas.core.BadInputException.at(g.source(), "graph.input", "GAP8 networks have one input");
        }
        String in = g.inputs().get(0).getName();
        List<NodeProto> cons = g.consumers(in);
        if (cons.size() != 1 || !cons.get(0).getOpType().equals("QuantizeLinear")) {
            throw dev.edgenas.core.BadInputException.at(g.source(), "graph.input " + in,
                    "must feed exactly one QuantizeLinear (is this a QDQ model written by edgenas deploy?)");
        }
        QTensor input = tensorOf(cons.get(0));
        List<IntLayer> layers = new ArrayList<>();
        for (NodeProto n : g.nodes()) {
            switch (n.getOpType()) {
                case "QuantizeLinear", "DequantizeLinear" -> {
                }
                default -> layers.add(layer(n));
            }
        }
        if (g.outputs().size() != 1) {
            throw dev.edgenas.core.BadInputException.at(g.source(), "graph.output", "GAP8 networks have one output");
        }
        NodeProto dq = g.producer(g.outputs().get(0).getName());
        if (dq == null || !dq.getOpType().equals("DequantizeLinear") || !quantized.containsKey(dq.getInput(0))) {
            throw dev.edgenas.core.BadInputException.at(g.source(), "graph.output",
                    "must be the DequantizeLinear of a quantised tensor");
        }
        return new IntNetwork(input, quantized.get(dq.getInput(0)), layers);
    }

    private IntLayer layer(NodeProto n) {
        List<NodeProto> outs = g.consumers(n.getOutput(0));
        if (outs.size() != 1 || !outs.get(0).getOpType().equals("QuantizeLinear")) {
            throw g.error(n, "output is not quantised by exactly one QuantizeLinear: no int8 kernel can produce it");
        }
        QTensor y = tensorOf(outs.get(0));
        String name = n.getName().isEmpty() ? n.getOutput(0) : n.getName();
        return switch (n.getOpType()) {
            case "Conv" -> conv(n, name, y);
            case "Add" -> {
                QTensor a = data(n, 0);
                QTensor b = data(n, 1);
                if (!same(a, y) || !same(b, y)) {
                    throw g.error(n, "GAP8 Add needs both inputs of the output's shape (no broadcasting)");
                }
                yield new IntLayer.Add(name, a, b, y);
            }
            case "Concat" -> {
                long axis = Attrs.getInt(n, "axis", 0);
                if (axis != 1 && axis != -3) {
                    throw g.error(n, "GAP8 concatenates channels only (axis 1), not axis " + axis);
                }
                List<QTensor> ins = new ArrayList<>();
                for (int i = 0; i < n.getInputCount(); i++) {
                    ins.add(data(n, i));
                }
                yield new IntLayer.Concat(name, ins, y);
            }
            case "Resize" -> {
                if (!Attrs.getString(n, "mode", "nearest").equals("linear")
                        || !Attrs.getString(n, "coordinate_transformation_mode", "half_pixel").equals("half_pixel")) {
                    throw g.error(n, "the GAP8 resize kernel implements mode linear with half_pixel coordinates only");
                }
                yield new IntLayer.Resize(name, data(n, 0), y);
            }
            case "GlobalAveragePool" -> new IntLayer.GlobalAvgPool(name, data(n, 0), y);
            case "HardSigmoid", "HardSwish" -> {
                QTensor x = data(n, 0);
                if (!same(x, y)) {
                    throw g.error(n, "a pointwise op must keep its input's shape");
                }
                yield new IntLayer.Lut(name, n.getOpType(), x, y, LutTables.table(n, x, y));
            }
            case "Mul" -> mul(n, name, y);
            case "MaxPool", "AveragePool" -> pool(n, name, y);
            default -> throw g.error(n, "no GAP8 int8 kernel for operator " + n.getOpType());
        };
    }

    private IntLayer conv(NodeProto n, String name, QTensor y) {
        QTensor x = data(n, 0);
        NodeProto wdq = g.producer(n.getInput(1));
        if (wdq == null || !wdq.getOpType().equals("DequantizeLinear") || !g.isInitializer(wdq.getInput(0))) {
            throw g.error(n, "weights must be an int8 initializer behind a DequantizeLinear");
        }
        TensorProto wq = g.initializer(wdq.getInput(0));
        if (wq.getDataType() != TensorProto.DataType.INT8_VALUE) {
            throw g.error(n, "GAP8 kernels need int8 weights");
        }
        long[] wz = Tensors.toLongs(g.initializer(wdq.getInput(2)));
        for (long z : wz) {
            if (z != 0) {
                throw g.error(n, "GAP8 kernels need symmetric weights (zero point 0)");
            }
        }
        float[] ws = Tensors.toFloats(g.initializer(wdq.getInput(1)));
        long[] wl = Tensors.toLongs(wq);
        byte[] w = new byte[wl.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) wl[i];
        }
        if (ws.length == 1 && y.c() > 1) {
            float s = ws[0];
            ws = new float[y.c()];
            java.util.Arrays.fill(ws, s);
        }
        int[] bias = null;
        if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
            NodeProto bdq = g.producer(n.getInput(2));
            if (bdq == null || !bdq.getOpType().equals("DequantizeLinear") || !g.isInitializer(bdq.getInput(0))) {
                throw g.error(n, "bias must be an int32 initializer behind a DequantizeLinear");
            }
            bias = Tensors.toLongs(g.initializer(bdq.getInput(0))).length == 0 ? null
                    : java.util.Arrays.stream(Tensors.toLongs(g.initializer(bdq.getInput(0)))).mapToInt(v -> (int) v).toArray();
        }
        long[] xs = shapes.get(n.getInput(0)).shape();
        ConvGeometry geo = ConvGeometry.of(g, n, xs, Tensors.dims(wq));
        IntLayer.Conv c = new IntLayer.Conv(name, x, y, w, bias, ws, geo.kh(), geo.kw(), geo.sh(), geo.sw(), geo.dh(),
                geo.dw(), geo.padTop(), geo.padLeft(), geo.padBottom(), geo.padRight(), geo.groups());
        return CentreTap.reduce(c);
    }

    /** Mul of same-shape tensors, or of a tensor and one value per channel (either order: the full one goes first). */
    private IntLayer mul(NodeProto n, String name, QTensor y) {
        QTensor a = data(n, 0);
        QTensor b = data(n, 1);
        if (!same(a, y)) {
            QTensor t = a;
            a = b;
            b = t;
        }
        boolean perChannel = b.h() == 1 && b.w() == 1 && b.c() == y.c();
        if (!same(a, y) || !(same(b, y) || perChannel)) {
            throw g.error(n, "GAP8 Mul needs inputs of the output's shape or one value per channel (1x1xC)");
        }
        return new IntLayer.Mul(name, a, b, y);
    }

    private IntLayer pool(NodeProto n, String name, QTensor y) {
        QTensor x = data(n, 0);
        if (n.getOpType().equals("AveragePool") && Attrs.getInt(n, "count_include_pad", 0) != 0) {
            throw g.error(n, "GAP8 average pooling excludes pads (count_include_pad 0)");
        }
        ConvGeometry geo = ConvGeometry.ofPool(g, n, shapes.get(n.getInput(0)).shape());
        return new IntLayer.Pool(name, n.getOpType().equals("MaxPool"), x, y, geo.kh(), geo.kw(), geo.sh(), geo.sw(),
                geo.padTop(), geo.padLeft(), geo.padBottom(), geo.padRight());
    }

    /** Data input i: a DequantizeLinear of a tensor some QuantizeLinear wrote. */
    private QTensor data(NodeProto n, int i) {
        NodeProto dq = g.producer(n.getInput(i));
        if (dq == null || !dq.getOpType().equals("DequantizeLinear") || !quantized.containsKey(dq.getInput(0))) {
            throw g.error(n, "input " + n.getInput(i) + " does not come from a DequantizeLinear of a quantised tensor");
        }
        return quantized.get(dq.getInput(0));
    }

    private QTensor tensorOf(NodeProto q) {
        String out = q.getOutput(0);
        QTensor t = quantized.get(out);
        if (t != null) {
            return t;
        }
        if (!g.isInitializer(q.getInput(1)) || q.getInputCount() < 3 || !g.isInitializer(q.getInput(2))) {
            throw g.error(q, "scale and zero point must be initializers");
        }
        float scale = Tensors.toFloats(g.initializer(q.getInput(1)))[0];
        TensorProto zpT = g.initializer(q.getInput(2));
        int zp = (int) Tensors.toLongs(zpT)[0];
        if (zpT.getDataType() == TensorProto.DataType.UINT8_VALUE) {
            zp -= 128;
        } else if (zpT.getDataType() != TensorProto.DataType.INT8_VALUE) {
            throw g.error(q, "activations must be int8 or uint8");
        }
        long[] s = shapes.get(q.getInput(0)).shape();
        if (s.length != 4 || s[0] != 1) {
            throw g.error(q, "GAP8 tensors are NCHW with batch 1");
        }
        t = new QTensor(out, (int) s[1], (int) s[2], (int) s[3], scale, zp);
        quantized.put(out, t);
        return t;
    }

    private static boolean same(QTensor a, QTensor b) {
        return a.c() == b.c() && a.h() == b.h() && a.w() == b.w();
    }
}
