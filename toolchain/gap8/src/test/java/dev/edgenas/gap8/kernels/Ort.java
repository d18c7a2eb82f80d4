package dev.edgenas.gap8.kernels;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs a small int8-in / int8-out ONNX model in the real ONNX Runtime. */
final class Ort {
    private Ort() {
    }

    /** An int8 graph input: its data and NCHW shape. */
    record Input(byte[] data, long... shape) {
    }

    static byte[] run(ModelProto model, Map<String, Input> inputs) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model.toByteArray(), opts)) {
                for (Map.Entry<String, Input> e : inputs.entrySet()) {
                    ByteBuffer bb = ByteBuffer.allocateDirect(e.getValue().data().length);
                    bb.put(e.getValue().data()).flip();
                    feed.put(e.getKey(), OnnxTensor.createTensor(env, bb, e.getValue().shape(), OnnxJavaType.INT8));
                }
                try (OrtSession.Result result = session.run(feed)) {
                    OnnxTensor out = (OnnxTensor) result.get(0);
                    ByteBuffer ob = out.getByteBuffer();
                    byte[] y = new byte[ob.remaining()];
                    ob.get(y);
                    return y;
                }
            }
        } catch (OrtException e) {
            throw new AssertionError("ONNX Runtime failed: " + e.getMessage(), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }
}
