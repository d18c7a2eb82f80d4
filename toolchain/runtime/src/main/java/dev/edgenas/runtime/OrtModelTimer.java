package dev.edgenas.runtime;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Times one ONNX model in ONNX Runtime with the deployment session settings. Inputs are random
 * tensors created once, outside the timed region; the timed region is exactly {@code session.run},
 * the results are released after the clock stops. Used for kernels and for whole networks alike, so
 * that a table and its validation measure the same thing.
 */
public final class OrtModelTimer implements AutoCloseable {
    private final String name;
    private OrtSession session;
    private final Map<String, OnnxTensor> inputs = new HashMap<>();

    public OrtModelTimer(String name, ModelProto model, OrtSettings settings) {
        this.name = name;
        OrtEnvironment env = OrtEnv.get();
        try (OrtSession.SessionOptions o = settings.sessionOptions()) {
            this.session = dev.edgenas.core.NativeCalls.run(() -> env.createSession(model.toByteArray(), o));
            inputs.putAll(randomInputs(env, session));
        } catch (OrtException e) {
            close();
            throw new EdgenasException(ExitCode.DEVICE_ERROR, name + ": ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
    }

    /** {@code warmup} untimed runs, then the wall time of each of {@code reps} runs in ns. */
    public long[] time(int warmup, int reps) {
        // one guard around the whole loop keeps the timed region exactly session.run
        return dev.edgenas.core.NativeCalls.run(() -> timeNative(warmup, reps));
    }

    private long[] timeNative(int warmup, int reps) {
        long[] ns = new long[reps];
        try {
            for (int i = 0; i < warmup; i++) {
                session.run(inputs).close();
            }
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                OrtSession.Result r = session.run(inputs);
                ns[i] = System.nanoTime() - t0;
                r.close();
            }
        } catch (OrtException e) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, name + ": ONNX Runtime run failed: " + e.getMessage(), e);
        }
        return ns;
    }

    /** Random tensors for every input of a session (float, uint8 or int8; a symbolic batch runs at 1). */
    public static Map<String, OnnxTensor> randomInputs(OrtEnvironment env, OrtSession session) throws OrtException {
        SplittableRandom rng = new SplittableRandom(17);
        Map<String, OnnxTensor> m = new HashMap<>();
        for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
            m.put(e.getKey(), randomTensor(env, (TensorInfo) e.getValue().getInfo(), rng));
        }
        return m;
    }

    private static OnnxTensor randomTensor(OrtEnvironment env, TensorInfo info, SplittableRandom rng) throws OrtException {
        long[] shape = info.getShape();
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shape[i] < 0 ? 1 : shape[i]; // a symbolic batch runs at 1
        }
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        OnnxJavaType type = info.type;
        int size = type == OnnxJavaType.FLOAT ? 4 : 1;
        if (type != OnnxJavaType.FLOAT && type != OnnxJavaType.UINT8 && type != OnnxJavaType.INT8) {
            throw new OrtException("input of type " + type + " is not supported by the profiler");
        }
        ByteBuffer b = ByteBuffer.allocateDirect(Math.toIntExact(n * size)).order(ByteOrder.nativeOrder());
        for (long i = 0; i < n; i++) {
            if (size == 4) {
                b.putFloat((float) rng.nextGaussian());
            } else {
                b.put((byte) rng.nextInt(256));
            }
        }
        b.rewind();
        return size == 4 ? OnnxTensor.createTensor(env, b.asFloatBuffer(), shape)
                : OnnxTensor.createTensor(env, b, shape, type);
    }

    @Override
    public void close() {
        inputs.values().forEach(OnnxTensor::close);
        inputs.clear();
        try {
            if (session != null) {
                dev.edgenas.core.NativeCalls.run(() -> {
                    session.close();
                    return null;
                });
            }
        } catch (OrtException e) {
            // closing is best effort: the process is done with this session either way
        }
    }
}
