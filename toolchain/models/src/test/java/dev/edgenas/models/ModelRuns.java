package dev.edgenas.models;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.edgenas.ir.OnnxChecker;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.ir.Tensors;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

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
        Random r = new Random(seed);
        float[] x = new float[n * 3 * h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    static Output run(ModelProto model, float[] input, long... shape) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model.toByteArray(), opts);
                 OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
                 OrtSession.Result result = session.run(Map.of(DeepLabNames.INPUT, x))) {
                OnnxTensor out = (OnnxTensor) result.get(DeepLabNames.OUTPUT).orElseThrow();
                FloatBuffer fb = out.getFloatBuffer();
                float[] v = new float[fb.remaining()];
                fb.get(v);
                return new Output(out.getInfo().getShape(), v);
            }
        }
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
