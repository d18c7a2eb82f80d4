package dev.edgenas.search;

import dev.edgenas.runtime.OrtEnv;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory ONNX Runtime session for one candidate: one intra-op thread, because the search runs one
 * candidate per core (that parallelises far better than splitting one small network over both cores).
 */
final class OrtRun implements AutoCloseable {
    private static final OrtEnvironment ENV = OrtEnv.get();
    private final OrtSession session;
    private final String input;

    OrtRun(ModelProto model) {
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            o.setInterOpNumThreads(1);
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            o.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            this.session = ENV.createSession(model.toByteArray(), o);
            this.input = session.getInputNames().iterator().next();
        } catch (OrtException e) {
            throw new EdgenasException(ExitCode.FAILURE, "ONNX Runtime rejected a candidate: " + e.getMessage(), e);
        }
    }

    /** Runs a batch of n images; returns the requested outputs as flat float arrays, in order. */
    Map<String, float[]> run(float[] batch, int n, int h, int w, List<String> outputs) {
        Map<String, float[]> out = new LinkedHashMap<>();
        run(Map.of(input, new NamedBatch.Tensor(batch, new long[] {n, 3, h, w})), outputs)
                .forEach((k, v) -> out.put(k, v.data()));
        return out;
    }

    /** Runs named inputs; returns the requested outputs with their shapes, in order. */
    Map<String, NamedBatch.Tensor> run(Map<String, NamedBatch.Tensor> inputs, List<String> outputs) {
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, NamedBatch.Tensor> e : inputs.entrySet()) {
                feeds.put(e.getKey(), OnnxTensor.createTensor(ENV, FloatBuffer.wrap(e.getValue().data()),
                        e.getValue().shape()));
            }
            try (OrtSession.Result r = session.run(feeds, new java.util.LinkedHashSet<>(outputs))) {
                Map<String, NamedBatch.Tensor> out = new LinkedHashMap<>();
                for (String name : outputs) {
                    OnnxTensor t = (OnnxTensor) r.get(name).orElseThrow();
                    FloatBuffer fb = t.getFloatBuffer();
                    float[] v = new float[fb.remaining()];
                    fb.get(v);
                    out.put(name, new NamedBatch.Tensor(v, t.getInfo().getShape()));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new EdgenasException(ExitCode.FAILURE, "ONNX Runtime failed on a candidate: " + e.getMessage(), e);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    /** Runs one batch, returning its first output. */
    float[] first(NamedBatch b) {
        String out = outputName();
        return run(b.tensors(), List.of(out)).get(out).data();
    }

    String inputName() {
        return input;
    }

    String outputName() {
        return session.getOutputNames().iterator().next();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
