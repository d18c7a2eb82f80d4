package dev.edgenas.models;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OrtException;
import dev.edgenas.ir.OnnxChecker;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.ir.Tensors;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test helpers: write + check a model, run it in ONNX Runtime, look tensors up by name. */
final class ModelRuns {
    private ModelRuns() {
    }

    /** Output of one ORT run. */
    record Output(long[] shape, float[] values) {
    }

    /** Writes the model, runs the independent onnx checker on it and returns the file. */
    static Path writeChecked(ModelProto model, Path dir, String name) {
        Path file = dir.resolve(name + ".onnx");
        OnnxModels.write(model, file);
        OnnxChecker.check(file);
        return file;
    }

    /** A deterministic input batch roughly like normalised images. */
    static float[] input(int n, int h, int w, long seed) {
        return dev.edgenas.models.space.SpaceRuns.input(n, h, w, seed);
    }

    static Output run(ModelProto model, float[] input, long... shape) throws OrtException {
        var o = dev.edgenas.models.space.SpaceRuns.run(model, input, shape);
        return new Output(o.shape(), o.values());
    }

    static Map<String, TensorProto> initializers(ModelProto m) {
        Map<String, TensorProto> map = new LinkedHashMap<>();
        m.getGraph().getInitializerList().forEach(t -> map.put(t.getName(), t));
        return map;
    }

    static Map<String, NodeProto> nodes(ModelProto m) {
        Map<String, NodeProto> map = new LinkedHashMap<>();
        m.getGraph().getNodeList().forEach(n -> map.put(n.getName(), n));
        return map;
    }

    /** Trainable parameters: conv weights, biases and BN scale/shift (not running stats or constants). */
    static long parameterCount(ModelProto m, String prefix) {
        return m.getGraph().getInitializerList().stream()
                .filter(t -> t.getName().startsWith(prefix))
                .filter(t -> t.getName().endsWith(".weight") || t.getName().endsWith(".bias")
                        || t.getName().endsWith(".bn.scale"))
                .mapToLong(t -> Tensors.numel(Tensors.dims(t))).sum();
    }

    static long[] dims(ModelProto m, String name) {
        TensorProto t = initializers(m).get(name);
        if (t == null) {
            throw new AssertionError("no initializer named " + name);
        }
        return Tensors.dims(t);
    }
}
