package dev.edgenas.agent.android;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Makes one input tensor per model input, filled with fixed pseudo-random values. Latency of the
 * kernels edgenas profiles does not depend on the values, but all-zero inputs could hit shortcuts.
 */
final class InputFactory {
    private InputFactory() {
    }

    static Map<String, OnnxTensor> inputs(OrtEnvironment env, Map<String, NodeInfo> infos) throws OrtException {
        Map<String, OnnxTensor> out = new LinkedHashMap<String, OnnxTensor>();
        Random random = new Random(42);
        try {
            for (Map.Entry<String, NodeInfo> e : infos.entrySet()) {
                if (!(e.getValue().getInfo() instanceof TensorInfo)) {
                    throw new OrtException("input " + e.getKey() + " is not a tensor");
                }
                out.put(e.getKey(), tensor(env, (TensorInfo) e.getValue().getInfo(), random));
            }
        } catch (OrtException | RuntimeException ex) {
            closeAll(out);
            throw ex;
        }
        return out;
    }

    static void closeAll(Map<String, OnnxTensor> tensors) {
        for (OnnxTensor t : tensors.values()) {
            t.close();
        }
    }

    private static OnnxTensor tensor(OrtEnvironment env, TensorInfo info, Random random) throws OrtException {
        long[] shape = info.getShape();
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                shape[i] = 1; // symbolic dimension (batch): profile with 1
            }
            count *= shape[i];
        }
        OnnxJavaType type = info.type;
        int width = elementBytes(type);
        if (count * width > Integer.MAX_VALUE) {
            throw new OrtException("input of shape " + java.util.Arrays.toString(shape) + " is too large");
        }
        ByteBuffer buf = ByteBuffer.allocateDirect((int) (count * width)).order(ByteOrder.nativeOrder());
        for (long i = 0; i < count; i++) {
            switch (type) {
                case FLOAT: buf.putFloat(random.nextFloat() * 2f - 1f); break;
                case DOUBLE: buf.putDouble(random.nextDouble() * 2 - 1); break;
                case INT64: buf.putLong(0L); break;
                case INT32: buf.putInt(0); break;
                case INT8: case UINT8: case BOOL: buf.put((byte) random.nextInt(8)); break;
                case FLOAT16: case BFLOAT16: buf.putShort((short) 0x3c00); break; // 1.0 in fp16
                default: throw new OrtException("unsupported input type " + type);
            }
        }
        buf.rewind();
        return OnnxTensor.createTensor(env, buf, shape, type);
    }

    private static int elementBytes(OnnxJavaType type) throws OrtException {
        switch (type) {
            case DOUBLE: case INT64: return 8;
            case FLOAT: case INT32: return 4;
            case FLOAT16: case BFLOAT16: return 2;
            case INT8: case UINT8: case BOOL: return 1;
            default: throw new OrtException("unsupported input type " + type);
        }
    }
}
