package dev.edgenas.train.onnx;

import ai.djl.ndarray.NDManager;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the nodes of an ONNX graph into {@link Step}s. Integer shape chains that shape inference
 * folds to constants are dropped, Identity becomes an alias, and each initializer is classified:
 * Conv weights/biases and BatchNormalization scale/bias are trainable, BatchNormalization mean and
 * variance are running statistics, every other float initializer is a fixed constant.
 */
final class NetworkCompiler {
    static final String SUPPORTED = "Conv, BatchNormalization, Relu, Clip, HardSigmoid, HardSwish, Sigmoid, "
            + "Add, Sub, Mul, Div, Concat, Resize (linear), GlobalAveragePool, AveragePool, MaxPool, Identity";

    final List<Step> steps = new ArrayList<>();
    final Set<String> trainable = new LinkedHashSet<>();
    final Set<String> statistics = new LinkedHashSet<>();
    final Set<String> constants = new LinkedHashSet<>();
    final Map<String, float[]> constantNodeValues = new HashMap<>();
    final Map<String, String> aliases = new HashMap<>();
    private final Graph g;
    private final Map<String, TensorInfo> info;
    private final NDManager manager;

    NetworkCompiler(Graph g, NDManager manager) {
        this.g = g;
        this.manager = manager;
        this.info = ShapeInference.infer(g, 1);
    }

    void compile() {
        for (NodeProto n : g.nodes()) {
            if (n.getOpType().equals("Constant")) {
                TensorProto t = Attrs.find(n, "value").orElseThrow().getT();
                if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
                    constantNodeValues.put(n.getOutput(0), Tensors.toFloats(t));
                }
                continue;
            }
            if (n.getOutputList().stream().allMatch(o -> info.get(o) != null && info.get(o).isConstant())) {
                continue; // folded shape arithmetic
            }
            compile(n);
        }
    }

    String resolve(String name) {
        return aliases.getOrDefault(name, name);
    }

    private void compile(NodeProto n) {
        if (n.getOutputCount() > 1 && n.getOutputList().subList(1, n.getOutputCount()).stream()
                .anyMatch(o -> !o.isEmpty() && !g.consumers(o).isEmpty())) {
            throw g.error(n, "only the first output of " + n.getOpType() + " may be used");
        }
        String op = n.getOpType();
        switch (op) {
            case "Identity" -> aliases.put(n.getOutput(0), resolve(n.getInput(0)));
            case "Conv" -> {
                ConvGeometry c = ConvGeometry.of(g, n, shape(n, 0), shape(n, 1));
                boolean bias = n.getInputCount() > 2 && !n.getInput(2).isEmpty();
                parameter(n, 1, trainable);
                if (bias) {
                    parameter(n, 2, trainable);
                }
                add(n, bias ? 3 : 2, ConvKernels.conv(c, bias));
            }
            case "BatchNormalization" -> {
                parameter(n, 1, trainable);
                parameter(n, 2, trainable);
                parameter(n, 3, statistics);
                parameter(n, 4, statistics);
                add(n, 5, ConvKernels.batchNorm(n));
            }
            case "Relu" -> add(n, 1, ElementwiseKernels.relu());
            case "Sigmoid" -> add(n, 1, ElementwiseKernels.sigmoid());
            case "HardSigmoid" -> add(n, 1, ElementwiseKernels.hardSigmoid(n));
            case "HardSwish" -> add(n, 1, ElementwiseKernels.hardSwish());
            case "Clip" -> add(n, 1, clip(n));
            case "Add", "Sub", "Mul", "Div" -> {
                boolean c0 = isConstant(n.getInput(0));
                if (c0 && isConstant(n.getInput(1))) {
                    throw g.error(n, "both operands are constants; fold them before training");
                }
                markConstant(n, 0);
                markConstant(n, 1);
                add(n, 2, ElementwiseKernels.binary(op, c0));
            }
            case "Concat" -> {
                int axis = (int) Attrs.getInt(n, "axis", 0);
                long[] s = shape(n, 0);
                for (int i = 0; i < n.getInputCount(); i++) {
                    markConstant(n, i);
                }
                add(n, n.getInputCount(), ElementwiseKernels.concat(axis < 0 ? axis + s.length : axis));
            }
            case "GlobalAveragePool" -> {
                long[] s = shape(n, 0);
                add(n, 1, ElementwiseKernels.globalAveragePool(s[2], s[3]));
            }
            case "MaxPool" -> add(n, 1, ConvKernels.maxPool(g, n, ConvGeometry.ofPool(g, n, shape(n, 0))));
            case "AveragePool" -> add(n, 1, ConvKernels.averagePool(g, n, ConvGeometry.ofPool(g, n, shape(n, 0)), manager));
            case "Resize" -> {
                float[] scales = null;
                boolean hasSizes = n.getInputCount() > 3 && !n.getInput(3).isEmpty() && info.get(n.getInput(3)).numel() > 0;
                if (!hasSizes && n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
                    scales = floatConstant(n, n.getInput(2));
                }
                add(n, 1, ResizeKernel.of(g, n, shape(n, 0), info.get(n.getOutput(0)).shape(), scales, manager));
            }
            default -> throw g.error(n, "operator " + op + " is not supported by the training converter (supported: "
                    + SUPPORTED + ")");
        }
    }

    private NodeOp clip(NodeProto n) {
        float min = Float.NEGATIVE_INFINITY;
        float max = Float.POSITIVE_INFINITY;
        if (g.opset() < 11) {
            min = Attrs.getFloat(n, "min", min);
            max = Attrs.getFloat(n, "max", max);
        } else {
            if (n.getInputCount() > 1 && !n.getInput(1).isEmpty()) {
                min = floatConstant(n, n.getInput(1))[0];
            }
            if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
                max = floatConstant(n, n.getInput(2))[0];
            }
        }
        return ElementwiseKernels.clip(min, max);
    }

    private float[] floatConstant(NodeProto n, String name) {
        if (constantNodeValues.containsKey(name)) {
            return constantNodeValues.get(name);
        }
        TensorProto t = g.initializer(name);
        if (t == null || t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw g.error(n, "input " + name + " must be a float constant (initializer or Constant node)");
        }
        return Tensors.toFloats(t);
    }

    private boolean isConstant(String name) {
        return g.isInitializer(name) || constantNodeValues.containsKey(name);
    }

    private void markConstant(NodeProto n, int i) {
        String name = n.getInput(i);
        if (g.isInitializer(name)) {
            requireFloat(n, name);
            if (!trainable.contains(name) && !statistics.contains(name)) {
                constants.add(name);
            }
        } else if (constantNodeValues.containsKey(name)) {
            constants.add(name);
        }
    }

    private void parameter(NodeProto n, int i, Set<String> role) {
        String name = n.getInput(i);
        if (!g.isInitializer(name)) {
            throw g.error(n, "input " + i + " (" + name + ") must be an initializer to be trained");
        }
        requireFloat(n, name);
        constants.remove(name);
        role.add(name);
    }

    private void requireFloat(NodeProto n, String name) {
        if (g.initializer(name).getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw g.error(n, "initializer " + name + " is not float32");
        }
    }

    private long[] shape(NodeProto n, int i) {
        return info.get(n.getInput(i)).shape();
    }

    private void add(NodeProto n, int arity, NodeOp k) {
        String[] inputs = new String[arity];
        for (int i = 0; i < arity; i++) {
            inputs[i] = resolve(n.getInput(i));
        }
        steps.add(new Step(n, inputs, n.getOutput(0), k));
    }
}
