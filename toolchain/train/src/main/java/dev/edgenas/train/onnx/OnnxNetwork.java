package dev.edgenas.train.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.ir.Tensors;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ONNX graph as a trainable computation on DJL's PyTorch engine. Initializers become arrays in
 * this network's own manager: trainable ones require gradients, BatchNormalization running
 * statistics are updated in place by training-mode forward passes. {@link #forward} runs the nodes
 * in topological order; every activation lands in the manager of the input array, so callers free
 * a step's memory by closing the sub-manager they created the input in.
 */
public final class OnnxNetwork implements AutoCloseable {
    private final ModelProto model;
    private final Path source;
    private final NDManager manager;
    private final NetworkCompiler compiled;
    private final Map<String, NDArray> trainable = new LinkedHashMap<>();
    private final Map<String, NDArray> statistics = new LinkedHashMap<>();
    private final Map<String, NDArray> fixed = new HashMap<>();
    private final String inputName;
    private final String outputName;
    private final Map<String, Integer> lastUse = new HashMap<>();

    private OnnxNetwork(ModelProto model, Path source, NDManager parent) {
        this.model = model;
        this.source = source;
        this.manager = parent.newSubManager();
        Graph g = Graph.of(model, source);
        if (g.inputs().size() != 1) {
            throw dev.edgenas.core.BadInputException.at(source, "graph.input",
                    "expected one data input, found " + g.inputs().size());
        }
        this.inputName = g.inputs().get(0).getName();
        this.compiled = new NetworkCompiler(g, manager);
        compiled.compile();
        this.outputName = compiled.resolve(g.outputs().get(0).getName());
        for (String name : compiled.trainable) {
            NDArray a = create(g.initializer(name));
            a.setRequiresGradient(true);
            trainable.put(name, a);
        }
        for (String name : compiled.statistics) {
            statistics.put(name, create(g.initializer(name)));
        }
        for (String name : compiled.constants) {
            float[] v = compiled.constantNodeValues.get(name);
            fixed.put(name, v != null ? manager.create(v) : create(g.initializer(name)));
        }
        fixed.putAll(trainable);
        fixed.putAll(statistics);
        for (int i = 0; i < compiled.steps.size(); i++) {
            for (String in : compiled.steps.get(i).inputs()) {
                lastUse.put(in, i);
            }
        }
    }

    /** Builds the network; its arrays live in a sub-manager of {@code parent}. */
    public static OnnxNetwork of(ModelProto model, Path source, NDManager parent) {
        return new OnnxNetwork(model, source, parent);
    }

    public static OnnxNetwork load(Path file, NDManager parent) {
        return new OnnxNetwork(OnnxModels.read(file), file, parent);
    }

    private NDArray create(TensorProto t) {
        NDArray a = manager.create(Tensors.toFloats(t), new Shape(Tensors.dims(t)));
        a.setName(t.getName());
        return a;
    }

    /**
     * Runs the graph. {@code training} selects batch statistics for BatchNormalization (and updates
     * the running statistics); gradients are recorded only inside a GradientCollector. Outside one,
     * intermediate arrays are freed as soon as their last consumer has run.
     */
    public NDArray forward(NDArray input, boolean training) {
        NDManager stepManager = input.getManager();
        boolean freeEarly = !JniUtils.isGradMode();
        Map<String, NDArray> values = new HashMap<>(fixed);
        values.put(inputName, input);
        for (int i = 0; i < compiled.steps.size(); i++) {
            Step s = compiled.steps.get(i);
            NDArray[] args = new NDArray[s.inputs().length];
            for (int k = 0; k < args.length; k++) {
                args[k] = values.get(s.inputs()[k]);
            }
            NDArray out = s.kernel().apply(args, training);
            if (out.getManager() != stepManager) {
                out.attach(stepManager); // an op called on a constant: keep parameters' manager clean
            }
            values.put(s.output(), out);
            if (freeEarly) {
                for (int k = 0; k < args.length; k++) {
                    String name = s.inputs()[k];
                    if (lastUse.get(name) == i && args[k] != out && args[k] != input && !fixed.containsKey(name)
                            && !name.equals(outputName)) {
                        args[k].close();
                    }
                }
            }
        }
        return values.get(outputName);
    }

    /** Trainable parameters by initializer name (graph order). */
    public Map<String, NDArray> trainableParameters() {
        return Collections.unmodifiableMap(trainable);
    }

    /** BatchNormalization running means and variances by initializer name. */
    public Map<String, NDArray> runningStatistics() {
        return Collections.unmodifiableMap(statistics);
    }

    /** Current values of every trainable parameter and running statistic, by initializer name. */
    public Map<String, float[]> weights() {
        Map<String, float[]> out = new LinkedHashMap<>();
        trainable.forEach((k, v) -> out.put(k, v.toFloatArray()));
        statistics.forEach((k, v) -> out.put(k, v.toFloatArray()));
        return out;
    }

    public long parameterCount() {
        return trainable.values().stream().mapToLong(NDArray::size).sum();
    }

    public ModelProto model() {
        return model;
    }

    public Path source() {
        return source;
    }

    public String inputName() {
        return inputName;
    }

    public String outputName() {
        return outputName;
    }

    public NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }
}
