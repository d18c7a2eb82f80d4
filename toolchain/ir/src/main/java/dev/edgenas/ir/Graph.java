package dev.edgenas.ir;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.edgenas.core.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read-only view of an ONNX model that every stage passes on: nodes in topological order,
 * producers and consumers of each tensor, initializers and the real (non-initializer) inputs.
 */
public final class Graph {
    private final ModelProto model;
    private final Path source;
    private final List<NodeProto> nodes;
    private final Map<String, TensorProto> initializers = new LinkedHashMap<>();
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();
    private final List<ValueInfoProto> inputs = new ArrayList<>();
    private final Set<String> outputNames = new HashSet<>();

    private Graph(ModelProto model, Path source) {
        this.model = model;
        this.source = source;
        for (TensorProto t : model.getGraph().getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        for (ValueInfoProto v : model.getGraph().getInputList()) {
            if (!initializers.containsKey(v.getName())) {
                inputs.add(v);
            }
        }
        model.getGraph().getOutputList().forEach(o -> outputNames.add(o.getName()));
        this.nodes = topologicalOrder();
        for (NodeProto n : nodes) {
            for (String out : n.getOutputList()) {
                producers.put(out, n);
            }
            for (String in : n.getInputList()) {
                if (!in.isEmpty()) {
                    consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                }
            }
        }
    }

    public static Graph of(ModelProto model, Path source) {
        return new Graph(model, source);
    }

    public static Graph of(ModelProto model) {
        return new Graph(model, null);
    }

    public static Graph read(Path file) {
        return new Graph(OnnxModels.read(file), file);
    }

    /**
     * The same model with the height and width of every 4-D graph input fixed (for models exported
     * with symbolic spatial dimensions, which cannot be costed otherwise).
     */
    public Graph withInputSize(int height, int width) {
        return withInputSize(0, height, width);
    }

    /**
     * As {@link #withInputSize(int, int)}, the batch dimension fixed too when {@code batch} is positive (tools
     * that need wholly static shapes, such as NNTool's ONNX importer); 0 leaves it as it is.
     */
    public Graph withInputSize(int batch, int height, int width) {
        ModelProto.Builder b = model.toBuilder();
        var graph = b.getGraphBuilder();
        for (int i = 0; i < graph.getInputCount(); i++) {
            var shape = graph.getInputBuilder(i).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
            if (!initializers.containsKey(graph.getInput(i).getName()) && shape.getDimCount() == 4) {
                if (batch > 0) {
                    shape.getDimBuilder(0).clear().setDimValue(batch);
                }
                shape.getDimBuilder(2).clear().setDimValue(height);
                shape.getDimBuilder(3).clear().setDimValue(width);
            }
        }
        return new Graph(b.build(), source);
    }

    public ModelProto model() {
        return model;
    }

    /** The file the model was read from, or null; used to name the file in error messages. */
    public Path source() {
        return source;
    }

    public List<NodeProto> nodes() {
        return nodes;
    }

    public Map<String, TensorProto> initializers() {
        return Collections.unmodifiableMap(initializers);
    }

    public boolean isInitializer(String name) {
        return initializers.containsKey(name);
    }

    public TensorProto initializer(String name) {
        return initializers.get(name);
    }

    /** Graph inputs that are not initializers (the data the model is fed). */
    public List<ValueInfoProto> inputs() {
        return inputs;
    }

    public List<ValueInfoProto> outputs() {
        return model.getGraph().getOutputList();
    }

    public boolean isGraphOutput(String name) {
        return outputNames.contains(name);
    }

    public NodeProto producer(String tensor) {
        return producers.get(tensor);
    }

    public List<NodeProto> consumers(String tensor) {
        return consumers.getOrDefault(tensor, List.of());
    }

    /** Opset of the default ONNX domain. */
    public int opset() {
        return (int) model.getOpsetImportList().stream().filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToLong(OperatorSetIdProto::getVersion).findFirst().orElse(1);
    }

    /** Human-readable node identity for error messages. */
    public String describe(NodeProto n) {
        String name = n.getName().isEmpty() ? "(unnamed, output " + n.getOutput(0) + ")" : n.getName();
        return "node " + name + " (" + n.getOpType() + ")";
    }

    public BadInputException error(NodeProto n, String problem) {
        return BadInputException.at(source, describe(n), problem);
    }

    private List<NodeProto> topologicalOrder() {
        List<NodeProto> all = model.getGraph().getNodeList();
        Map<String, Integer> producerIndex = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            for (String o : all.get(i).getOutputList()) {
                producerIndex.put(o, i);
            }
        }
        int[] pending = new int[all.size()];
        List<List<Integer>> dependents = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            dependents.add(new ArrayList<>());
        }
        for (int i = 0; i < all.size(); i++) {
            for (String in : all.get(i).getInputList()) {
                Integer p = producerIndex.get(in);
                if (p != null && p != i) {
                    pending[i]++;
                    dependents.get(p).add(i);
                }
            }
        }
        // lowest index first: an already sorted graph keeps its order
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < all.size(); i++) {
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        List<NodeProto> order = new ArrayList<>(all.size());
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(all.get(i));
            for (int d : dependents.get(i)) {
                if (--pending[d] == 0) {
                    ready.add(d);
                }
            }
        }
        if (order.size() != all.size()) {
            throw BadInputException.at(source, "graph.node", "the graph has a cycle");
        }
        return Collections.unmodifiableList(order);
    }
}
