package dev.edgenas.train.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.edgenas.ir.Tensors;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Puts trained values back into the ONNX graph they came from: initializers are replaced by name
 * (same dims, float32 raw data), everything else (nodes, inputs, outputs, metadata, value_info) is
 * kept byte for byte, so the result is a plain ONNX file every other edgenas command reads.
 */
public final class WeightWriteBack {
    private WeightWriteBack() {
    }

    public static ModelProto apply(ModelProto model, Map<String, float[]> values) {
        GraphProto.Builder graph = model.getGraph().toBuilder();
        Set<String> done = new HashSet<>();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            TensorProto t = graph.getInitializer(i);
            float[] v = values.get(t.getName());
            if (v == null) {
                continue;
            }
            long[] dims = Tensors.dims(t);
            if (Tensors.numel(dims) != v.length) {
                throw new IllegalArgumentException("initializer " + t.getName() + " has " + Tensors.numel(dims)
                        + " values, trained tensor has " + v.length);
            }
            TensorProto fresh = Tensors.floats(t.getName(), dims, v).toBuilder().setDocString(t.getDocString()).build();
            graph.setInitializer(i, fresh);
            done.add(t.getName());
        }
        for (String name : values.keySet()) {
            if (!done.contains(name)) {
                throw new IllegalArgumentException("the model has no initializer named " + name);
            }
        }
        return model.toBuilder().setGraph(graph).build();
    }
}
