package dev.edgenas.search;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts the part of a graph between given tensors as a model of its own: the backbone (image in, feature maps
 * out) or the head (feature maps in, logits out). Nodes keep their original order, so the result stays sorted.
 */
final class Subgraph {
    private Subgraph() {
    }

    /**
     * @throws IllegalArgumentException when the outputs depend on a graph input not among {@code inputs}
     *                                  (e.g. a resize that reads the image's shape): such a head cannot be fed
     *                                  from cached features
     */
    static ModelProto cut(ModelProto model, List<String> inputs, List<String> outputs) {
        GraphProto g = model.getGraph();
        Map<String, NodeProto> producer = new HashMap<>();
        for (NodeProto n : g.getNodeList()) {
            n.getOutputList().forEach(o -> producer.put(o, n));
        }
        Set<String> initializers = new HashSet<>();
        g.getInitializerList().forEach(t -> initializers.add(t.getName()));
        Set<String> stop = new HashSet<>(inputs);
        Set<NodeProto> keep = new HashSet<>();
        Set<String> usedInit = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(outputs);
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String t = todo.pop();
            if (t.isEmpty() || stop.contains(t) || !seen.add(t)) {
                continue;
            }
            if (initializers.contains(t)) {
                usedInit.add(t);
                continue;
            }
            NodeProto n = producer.get(t);
            if (n == null) {
                throw new IllegalArgumentException("tensor " + t + " is needed but is not among " + inputs);
            }
            if (keep.add(n)) {
                n.getInputList().forEach(todo::push);
            }
        }
        GraphProto.Builder b = GraphProto.newBuilder().setName(g.getName());
        g.getNodeList().stream().filter(keep::contains).forEach(b::addNode);
        for (TensorProto t : g.getInitializerList()) {
            if (usedInit.contains(t.getName())) {
                b.addInitializer(t);
            }
        }
        Map<String, ValueInfoProto> declared = new HashMap<>();
        g.getInputList().forEach(v -> declared.put(v.getName(), v));
        g.getOutputList().forEach(v -> declared.put(v.getName(), v));
        inputs.forEach(i -> b.addInput(declared.getOrDefault(i, floatNchw(i))));
        outputs.forEach(o -> b.addOutput(declared.getOrDefault(o, floatNchw(o))));
        return model.toBuilder().setGraph(b).build();
    }

    /** A float NCHW tensor of unknown sizes (ONNX Runtime infers them from the feeds). */
    private static ValueInfoProto floatNchw(String name) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (String d : List.of("n", "c", "h", "w")) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(name + "." + d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s))).build();
    }
}
