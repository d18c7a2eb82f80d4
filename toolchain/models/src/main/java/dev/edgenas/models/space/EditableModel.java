package dev.edgenas.models.space;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.edgenas.ir.Attrs;
import dev.edgenas.ir.Tensors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model being cut: initializers can be replaced, node inputs rewired and attributes changed; {@link #build()}
 * drops every node and initializer that no longer reaches the graph output. Stale value_info is dropped too.
 */
final class EditableModel {
    private final ModelProto original;
    private final List<NodeProto.Builder> nodes = new ArrayList<>();
    private final Map<String, Integer> byName = new HashMap<>();
    private final Map<String, TensorProto> initializers = new LinkedHashMap<>();

    EditableModel(ModelProto m) {
        this.original = m;
        for (NodeProto n : m.getGraph().getNodeList()) {
            byName.put(ConvUnitReader.name(n), nodes.size());
            nodes.add(n.toBuilder());
        }
        m.getGraph().getInitializerList().forEach(t -> initializers.put(t.getName(), t));
    }

    float[] floats(String name) {
        return Tensors.toFloats(initializers.get(name));
    }

    long[] dims(String name) {
        return Tensors.dims(initializers.get(name));
    }

    void put(String name, long[] dims, float[] data) {
        initializers.put(name, Tensors.floats(name, dims, data));
    }

    /** Keeps the listed entries of dimension {@code axis} (0 or 1) of a float initializer. */
    void select(String name, int axis, int[] keep) {
        long[] d = dims(name);
        float[] src = floats(name);
        int outer = axis == 0 ? 1 : (int) d[0];
        int n = (int) d[axis];
        int inner = 1;
        for (int i = axis + 1; i < d.length; i++) {
            inner *= (int) d[i];
        }
        float[] dst = new float[outer * keep.length * inner];
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < keep.length; k++) {
                System.arraycopy(src, (o * n + keep[k]) * inner, dst, (o * keep.length + k) * inner, inner);
            }
        }
        long[] nd = d.clone();
        nd[axis] = keep.length;
        put(name, nd, dst);
    }

    NodeProto.Builder node(String name) {
        Integer i = byName.get(name);
        if (i == null) {
            throw new IllegalStateException("no node " + name);
        }
        return nodes.get(i);
    }

    void setAttribute(String node, AttributeProto a) {
        NodeProto.Builder b = node(node);
        for (int i = 0; i < b.getAttributeCount(); i++) {
            if (b.getAttribute(i).getName().equals(a.getName())) {
                b.setAttribute(i, a);
                return;
            }
        }
        b.addAttribute(a);
    }

    long[] ints(String node, String attr) {
        return Attrs.getInts(node(node).build(), attr);
    }

    /** Every node reading {@code from} reads {@code to} instead (how a removed layer becomes an identity). */
    void rewire(String from, String to) {
        for (NodeProto.Builder n : nodes) {
            for (int i = 0; i < n.getInputCount(); i++) {
                if (n.getInput(i).equals(from)) {
                    n.setInput(i, to);
                }
            }
        }
    }

    void removeInput(String node, String tensor) {
        NodeProto.Builder b = node(node);
        List<String> in = new ArrayList<>(b.getInputList());
        in.remove(tensor);
        b.clearInput().addAllInput(in);
    }

    ModelProto build() {
        Set<String> needed = new HashSet<>();
        original.getGraph().getOutputList().forEach(o -> needed.add(o.getName()));
        List<NodeProto> kept = new ArrayList<>();
        // Nodes stay in their original (topological) order; rewiring only ever points to earlier tensors.
        for (int i = nodes.size() - 1; i >= 0; i--) {
            NodeProto n = nodes.get(i).build();
            if (n.getOutputList().stream().anyMatch(needed::contains)) {
                kept.add(0, n);
                n.getInputList().stream().filter(s -> !s.isEmpty()).forEach(needed::add);
            }
        }
        GraphProto.Builder g = original.getGraph().toBuilder().clearNode().addAllNode(kept).clearInitializer()
                .clearValueInfo().clearInput();
        for (ValueInfoProto v : original.getGraph().getInputList()) {
            // Initializers listed as inputs (old exports) would carry stale shapes after slicing: drop them.
            if (!initializers.containsKey(v.getName()) && !original.getGraph().getInitializerList().stream()
                    .anyMatch(t -> t.getName().equals(v.getName()))) {
                g.addInput(v);
            }
        }
        initializers.values().stream().filter(t -> needed.contains(t.getName())).forEach(g::addInitializer);
        return original.toBuilder().setGraph(g).build();
    }
}
