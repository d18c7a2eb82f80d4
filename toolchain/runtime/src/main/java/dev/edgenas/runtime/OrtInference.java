package dev.edgenas.runtime;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The one place edgenas runs ONNX Runtime inference for evaluation: `edgenas eval`, the search's candidate
 * scoring, BatchNorm recalibration and the feature cache. A raw ORT session made with {@link OrtSettings}
 * (the settings tables are profiled and bundles verified with). Inputs are copied once into direct buffers
 * the instance keeps (ORT wraps a direct buffer without a copy; a heap array it would copy into a fresh one
 * every call). One instance per thread.
 */
public final class OrtInference implements AutoCloseable {
    private static final OrtEnvironment ENV = OrtEnv.get();
    private final String name;
    private final OrtSession session;
    private final String input;
    private final String output;
    private final Map<String, FloatBuffer> staging = new LinkedHashMap<>();

    /** A model file; a file ORT cannot load is bad input (exit 3) naming the file. */
    public static OrtInference open(Path file, OrtSettings settings) {
        try {
            return new OrtInference(file.toString(), settings, file.toAbsolutePath().toString(), null);
        } catch (OrtException e) {
            throw new BadInputException(file + ": ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
    }

    /** An in-memory model (a search candidate, a backbone or head cut out of one). */
    public static OrtInference of(ModelProto model, OrtSettings settings) {
        try {
            return new OrtInference("candidate " + model.getGraph().getName(), settings, null, model.toByteArray());
        } catch (OrtException e) {
            throw new EdgenasException(ExitCode.FAILURE, "ONNX Runtime rejected a candidate: " + e.getMessage(), e);
        }
    }

    private OrtInference(String name, OrtSettings settings, String file, byte[] bytes) throws OrtException {
        this.name = name;
        try (OrtSession.SessionOptions o = settings.sessionOptions()) {
            this.session = dev.edgenas.core.NativeCalls.run(() -> file != null ? ENV.createSession(file, o)
                    : ENV.createSession(bytes, o));
        }
        this.input = session.getInputNames().iterator().next();
        this.output = session.getOutputNames().iterator().next();
    }

    public String inputName() {
        return input;
    }

    public String outputName() {
        return output;
    }

    /** The first output for a batch fed to the first input. */
    public float[] first(float[] data, long[] shape) {
        return run(Map.of(input, new FloatTensor(data, shape)), List.of(output)).get(output).data();
    }

    /** Runs named inputs; returns the requested outputs with their shapes, in order. */
    public Map<String, FloatTensor> run(Map<String, FloatTensor> inputs, List<String> outputs) {
        return dev.edgenas.core.NativeCalls.run(() -> runNative(inputs, outputs));
    }

    private Map<String, FloatTensor> runNative(Map<String, FloatTensor> inputs, List<String> outputs) {
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, FloatTensor> e : inputs.entrySet()) {
                feeds.put(e.getKey(), OnnxTensor.createTensor(ENV, stage(e.getKey(), e.getValue().data()),
                        e.getValue().shape()));
            }
            try (OrtSession.Result r = session.run(feeds, new LinkedHashSet<>(outputs))) {
                Map<String, FloatTensor> out = new LinkedHashMap<>();
                for (String n : outputs) {
                    OnnxTensor t = (OnnxTensor) r.get(n).orElseThrow();
                    FloatBuffer fb = t.getFloatBuffer();
                    float[] v = new float[fb.remaining()];
                    fb.get(v);
                    out.put(n, new FloatTensor(v, t.getInfo().getShape()));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new EdgenasException(ExitCode.FAILURE, name + ": inference failed: " + e.getMessage(), e);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    private FloatBuffer stage(String key, float[] data) {
        FloatBuffer b = staging.get(key);
        if (b == null || b.capacity() < data.length) {
            b = ByteBuffer.allocateDirect(4 * data.length).order(ByteOrder.nativeOrder()).asFloatBuffer();
            staging.put(key, b);
        }
        b.clear();
        b.put(data);
        b.flip();
        return b;
    }

    @Override
    public void close() {
        try {
            dev.edgenas.core.NativeCalls.run(() -> {
                session.close();
                return null;
            });
        } catch (OrtException e) {
            // closing is best effort: the process is done with this session either way
        }
    }
}
