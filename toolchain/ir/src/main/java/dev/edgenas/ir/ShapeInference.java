package dev.edgenas.ir;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Static shape inference for the operator set edgenas supports, with constant folding of the
 * integer Shape/Gather/Unsqueeze/Concat/Cast chains that PyTorch's exporter emits to compute Resize
 * sizes. Symbolic dimensions of graph inputs are bound to the given batch size.
 * An operator outside the set is an error naming the node: never a silent skip.
 */
public final class ShapeInference {
    private final Graph g;
    private final Map<String, TensorInfo> info = new HashMap<>();

    private ShapeInference(Graph g) {
        this.g = g;
    }

    /** Infers every tensor of the graph; symbolic input dims become {@code batch}. */
    public static Map<String, TensorInfo> infer(Graph g, int batch) {
        ShapeInference si = new ShapeInference(g);
        for (TensorProto t : g.initializers().values()) {
            boolean small = t.getDataType() != TensorProto.DataType.FLOAT_VALUE && Tensors.numel(Tensors.dims(t)) <= 64;
            si.info.put(t.getName(), new TensorInfo(Tensors.dims(t), t.getDataType(), small ? Tensors.toLongs(t) : null));
        }
        for (ValueInfoProto v : g.inputs()) {
            si.info.put(v.getName(), si.input(v, batch));
        }
        for (NodeProto n : g.nodes()) {
            si.visit(n);
        }
        return si.info;
    }

    /**
     * A graph input: a symbolic batch dimension becomes {@code batch}; symbolic height and width take
     * the size in the model's edgenas metadata. Without it they are an error: costing a network on
     * 1x1 feature maps gives figures that look plausible and are wrong by orders of magnitude.
     */
    private TensorInfo input(ValueInfoProto v, int batch) {
        List<TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (dims.get(i).hasDimValue() && dims.get(i).getDimValue() > 0) {
                shape[i] = dims.get(i).getDimValue();
            } else if (i == 0) {
                shape[i] = batch;
            } else {
                shape[i] = spatial(v, i, dims.get(i));
            }
        }
        return new TensorInfo(shape, v.getType().getTensorType().getElemType(), null);
    }

    private long spatial(ValueInfoProto v, int i, TensorShapeProto.Dimension d) {
        String field = "graph.input." + v.getName() + ".shape[" + i + "]";
        if (i >= 2 && ModelMetadata.property(g.model(), ModelMetadata.KEY).isPresent()) {
            ModelMetadata m = ModelMetadata.of(g.model(), g.source());
            return i == 2 ? m.height() : m.width();
        }
        String name = d.hasDimParam() && !d.getDimParam().isEmpty() ? "'" + d.getDimParam() + "'" : "unknown";
        throw dev.edgenas.core.BadInputException.at(g.source(), field, "dimension is " + name
                + " and the model has no " + ModelMetadata.KEY + " metadata giving its input size; pass --input-size HxW "
                + "(edgenas model info/table predict) or export the model with a fixed input size");
    }

    private TensorInfo in(NodeProto n, int i) {
        if (i >= n.getInputCount() || n.getInput(i).isEmpty()) {
            return null;
        }
        TensorInfo t = info.get(n.getInput(i));
        if (t == null) {
            throw g.error(n, "input " + n.getInput(i) + " has no known shape (not produced by any node, initializer or graph input)");
        }
        return t;
    }

    private long[] constIn(NodeProto n, int i, String what) {
        TensorInfo t = in(n, i);
        if (t == null) {
            return null;
        }
        if (!t.isConstant()) {
            throw g.error(n, what + " (input " + n.getInput(i) + ") must be a constant that edgenas can fold");
        }
        return t.constant();
    }

    private void put(NodeProto n, long[] shape, int type, long[] constant) {
        info.put(n.getOutput(0), new TensorInfo(shape, type, constant));
    }

    private void visit(NodeProto n) {
        TensorInfo x = n.getInputCount() > 0 ? in(n, 0) : null;
        switch (n.getOpType()) {
            case "Conv" -> put(n, ConvGeometry.of(g, n, x.shape(), in(n, 1).shape()).outputShape(), x.elemType(), null);
            case "MaxPool", "AveragePool" -> put(n, ConvGeometry.ofPool(g, n, x.shape()).outputShape(), x.elemType(), null);
            case "GlobalAveragePool", "GlobalMaxPool" -> put(n, new long[] {x.dim(0), x.dim(1), 1, 1}, x.elemType(), null);
            case "BatchNormalization", "Relu", "Clip", "HardSigmoid", "HardSwish", "Sigmoid", "LeakyRelu", "Tanh",
                    "Identity", "Dropout", "Floor", "Ceil", "Neg", "Sqrt", "Softmax" -> put(n, x.shape(), x.elemType(),
                    x.isConstant() ? fold1(n, x.constant()) : null);
            case "Add", "Sub", "Mul", "Div" -> binary(n, x, in(n, 1));
            case "Concat" -> concat(n);
            case "Resize" -> resize(n, x);
            case "Shape" -> shape(n, x);
            case "Gather" -> gather(n, x, in(n, 1));
            case "Unsqueeze", "Squeeze" -> squeeze(n, x);
            case "Cast" -> put(n, x.shape(), (int) Attrs.getInt(n, "to", 1), x.constant());
            case "Constant" -> {
                TensorProto t = Attrs.find(n, "value").orElseThrow(() -> g.error(n, "Constant without a 'value' tensor")).getT();
                boolean isFloat = t.getDataType() == TensorProto.DataType.FLOAT_VALUE;
                put(n, Tensors.dims(t), t.getDataType(), isFloat ? null : Tensors.toLongs(t));
            }
            case "Slice" -> slice(n, x);
            case "ReduceMean" -> reduceMean(n, x);
            case "QuantizeLinear" -> put(n, x.shape(), in(n, 2) == null ? TensorProto.DataType.UINT8_VALUE : in(n, 2).elemType(), null);
            case "DequantizeLinear" -> put(n, x.shape(), TensorProto.DataType.FLOAT_VALUE, null);
            default -> throw g.error(n, "unsupported operator " + n.getOpType()
                    + "; edgenas supports the DeepLabV3+ operator set (see docs/ARCHITECTURE.md)");
        }
    }

    private long[] fold1(NodeProto n, long[] v) {
        return switch (n.getOpType()) {
            case "Identity", "Floor", "Ceil" -> v;
            case "Neg" -> Arrays.stream(v).map(a -> -a).toArray();
            default -> null;
        };
    }

    private void binary(NodeProto n, TensorInfo a, TensorInfo b) {
        long[] shape = broadcast(n, a.shape(), b.shape());
        long[] c = null;
        if (a.isConstant() && b.isConstant() && a.elemType() != TensorProto.DataType.FLOAT_VALUE) {
            c = new long[(int) Tensors.numel(shape)];
            for (int i = 0; i < c.length; i++) {
                long p = a.constant()[a.constant().length == 1 ? 0 : i];
                long q = b.constant()[b.constant().length == 1 ? 0 : i];
                c[i] = switch (n.getOpType()) {
                    case "Add" -> p + q;
                    case "Sub" -> p - q;
                    case "Mul" -> p * q;
                    default -> Math.floorDiv(p, q);
                };
            }
        }
        put(n, shape, a.elemType(), c);
    }

    private long[] broadcast(NodeProto n, long[] a, long[] b) {
        int r = Math.max(a.length, b.length);
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            long da = i < r - a.length ? 1 : a[i - (r - a.length)];
            long db = i < r - b.length ? 1 : b[i - (r - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw g.error(n, "shapes " + KernelKey.dims(a) + " and " + KernelKey.dims(b) + " do not broadcast");
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    private void concat(NodeProto n) {
        TensorInfo first = in(n, 0);
        int axis = (int) Attrs.getInt(n, "axis", 0);
        axis = axis < 0 ? axis + first.rank() : axis;
        long[] shape = first.shape().clone();
        shape[axis] = 0;
        boolean allConst = true;
        long[] c = new long[0];
        for (int i = 0; i < n.getInputCount(); i++) {
            TensorInfo t = in(n, i);
            if (t.rank() != shape.length) {
                throw g.error(n, "inputs of different rank cannot be concatenated");
            }
            shape[axis] += t.dim(axis);
            allConst &= t.isConstant();
            if (t.isConstant()) {
                c = concatArrays(c, t.constant());
            }
        }
        put(n, shape, first.elemType(), allConst && shape.length == 1 ? c : null);
    }

    private static long[] concatArrays(long[] a, long[] b) {
        long[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private void resize(NodeProto n, TensorInfo x) {
        long[] out;
        TensorInfo sizes = in(n, 3);
        if (sizes != null && sizes.numel() > 0) {
            out = constIn(n, 3, "Resize sizes");
        } else {
            TensorInfo scales = in(n, 2);
            if (scales == null) {
                throw g.error(n, "Resize needs constant scales or sizes");
            }
            TensorProto st = g.initializer(n.getInput(2));
            if (st == null) {
                throw g.error(n, "Resize scales must be an initializer");
            }
            float[] s = Tensors.toFloats(st);
            out = new long[x.rank()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (long) Math.floor(x.dim(i) * (double) s[i]);
            }
        }
        if (out.length != x.rank()) {
            throw g.error(n, "Resize target has rank " + out.length + ", input has rank " + x.rank());
        }
        put(n, out, x.elemType(), null);
    }

    private void shape(NodeProto n, TensorInfo x) {
        int r = x.rank();
        int start = (int) Attrs.getInt(n, "start", 0);
        int end = (int) Attrs.getInt(n, "end", r);
        start = Math.max(0, start < 0 ? start + r : start);
        end = Math.min(r, end < 0 ? end + r : end);
        long[] c = Arrays.copyOfRange(x.shape(), start, Math.max(start, end));
        put(n, new long[] {c.length}, TensorProto.DataType.INT64_VALUE, c);
    }

    private void gather(NodeProto n, TensorInfo data, TensorInfo idx) {
        int axis = (int) Attrs.getInt(n, "axis", 0);
        if (!data.isConstant() || !idx.isConstant() || data.rank() != 1 || axis != 0) {
            throw g.error(n, "Gather is supported only on constant 1-D shape tensors (the exporter's size chains)");
        }
        long[] c = new long[idx.constant().length];
        for (int i = 0; i < c.length; i++) {
            long k = idx.constant()[i];
            c[i] = data.constant()[(int) (k < 0 ? k + data.constant().length : k)];
        }
        put(n, idx.shape(), data.elemType(), c);
    }

    private void squeeze(NodeProto n, TensorInfo x) {
        long[] axes = g.opset() >= 13 ? constIn(n, 1, n.getOpType() + " axes") : Attrs.getInts(n, "axes");
        List<Long> shape = new java.util.ArrayList<>(Arrays.stream(x.shape()).boxed().toList());
        if (n.getOpType().equals("Unsqueeze")) {
            int r = shape.size() + axes.length;
            long[] sorted = Arrays.stream(axes).map(a -> a < 0 ? a + r : a).sorted().toArray();
            for (long a : sorted) {
                shape.add((int) a, 1L);
            }
        } else if (axes == null) {
            shape.removeIf(d -> d == 1);
        } else {
            long[] sorted = Arrays.stream(axes).map(a -> a < 0 ? a + x.rank() : a).sorted().toArray();
            for (int i = sorted.length - 1; i >= 0; i--) {
                shape.remove((int) sorted[i]);
            }
        }
        put(n, shape.stream().mapToLong(Long::longValue).toArray(), x.elemType(), x.constant());
    }

    private void slice(NodeProto n, TensorInfo x) {
        long[] starts = constIn(n, 1, "Slice starts");
        long[] ends = constIn(n, 2, "Slice ends");
        long[] axes = in(n, 3) == null ? null : constIn(n, 3, "Slice axes");
        long[] steps = in(n, 4) == null ? null : constIn(n, 4, "Slice steps");
        long[] shape = x.shape().clone();
        long[] c = x.constant();
        for (int i = 0; i < starts.length; i++) {
            int axis = (int) (axes == null ? i : axes[i] < 0 ? axes[i] + x.rank() : axes[i]);
            long step = steps == null ? 1 : steps[i];
            if (step != 1) {
                throw g.error(n, "Slice with step " + step + " is not supported");
            }
            long dim = x.dim(axis);
            long s = Math.max(0, Math.min(dim, starts[i] < 0 ? starts[i] + dim : starts[i]));
            long e = Math.max(0, Math.min(dim, ends[i] < 0 ? ends[i] + dim : ends[i]));
            shape[axis] = Math.max(0, e - s);
            if (c != null && x.rank() == 1) {
                c = Arrays.copyOfRange(c, (int) s, (int) Math.max(s, e));
            }
        }
        put(n, shape, x.elemType(), x.rank() == 1 ? c : null);
    }

    private void reduceMean(NodeProto n, TensorInfo x) {
        long[] axes = Attrs.getInts(n, "axes");
        if (axes == null && n.getInputCount() > 1) {
            axes = constIn(n, 1, "ReduceMean axes");
        }
        boolean keep = Attrs.getInt(n, "keepdims", 1) == 1;
        long[] shape = x.shape().clone();
        List<Long> out = new java.util.ArrayList<>();
        for (int i = 0; i < shape.length; i++) {
            final int d = i;
            boolean reduced = axes == null || Arrays.stream(axes).anyMatch(a -> (a < 0 ? a + x.rank() : a) == d);
            if (!reduced) {
                out.add(shape[i]);
            } else if (keep) {
                out.add(1L);
            }
        }
        put(n, out.stream().mapToLong(Long::longValue).toArray(), x.elemType(), null);
    }
}
