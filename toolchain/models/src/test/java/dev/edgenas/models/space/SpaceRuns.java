package dev.edgenas.models.space;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.edgenas.ir.Tensors;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;

/** Test helpers: run a model in ONNX Runtime, random inputs, BN statistics that are not the identity. */
/** Runs a model's first input to its first output in ONNX Runtime (shared by the models tests). */
public final class SpaceRuns {
    private SpaceRuns() {
    }

    public record Output(long[] shape, float[] values) {
    }

    public static float[] input(int n, int h, int w, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 3 * h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    public static Output run(ModelProto model, float[] input, long... shape) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model.toByteArray(), opts);
                 OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
                 OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), x))) {
                OnnxTensor out = (OnnxTensor) result.get(0);
                FloatBuffer fb = out.getFloatBuffer();
                float[] v = new float[fb.remaining()];
                fb.get(v);
                return new Output(out.getInfo().getShape(), v);
            }
        }
    }

    /**
     * Gives every BatchNorm random statistics and affine parameters, so that channels differ in importance and
     * identity-like defaults cannot hide slicing mistakes.
     */
    static ModelProto randomiseBatchNorm(ModelProto m, long seed) {
        Random r = new Random(seed);
        ModelProto.Builder b = m.toBuilder();
        var g = b.getGraphBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto t = g.getInitializer(i);
            String n = t.getName();
            boolean bn = n.contains(".bn.");
            if (!bn || t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
                continue;
            }
            float[] v = Tensors.toFloats(t);
            for (int k = 0; k < v.length; k++) {
                if (n.endsWith(".scale")) {
                    v[k] = (float) (0.5 + r.nextDouble());
                } else if (n.endsWith(".var")) {
                    v[k] = (float) (0.5 + r.nextDouble());
                } else {
                    v[k] = (float) (0.2 * r.nextGaussian());
                }
            }
            g.setInitializer(i, Tensors.floats(n, Tensors.dims(t), v));
        }
        return b.build();
    }
}
