package dev.edgenas.ir;

import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Conversions between ONNX TensorProto and Java arrays (raw_data is little-endian). */
public final class Tensors {
    private Tensors() {
    }

    public static TensorProto floats(String name, long[] dims, float[] data) {
        checkCount(name, dims, data.length);
        ByteBuffer bb = littleEndian(data.length * 4);
        bb.asFloatBuffer().put(data);
        return raw(name, dims, TensorProto.DataType.FLOAT_VALUE, bb.array());
    }

    public static TensorProto longs(String name, long[] dims, long[] data) {
        checkCount(name, dims, data.length);
        ByteBuffer bb = littleEndian(data.length * 8);
        bb.asLongBuffer().put(data);
        return raw(name, dims, TensorProto.DataType.INT64_VALUE, bb.array());
    }

    public static TensorProto int8s(String name, long[] dims, byte[] data, boolean unsigned) {
        checkCount(name, dims, data.length);
        return raw(name, dims, unsigned ? TensorProto.DataType.UINT8_VALUE : TensorProto.DataType.INT8_VALUE, data);
    }

    public static TensorProto ints(String name, long[] dims, int[] data) {
        checkCount(name, dims, data.length);
        ByteBuffer bb = littleEndian(data.length * 4);
        bb.asIntBuffer().put(data);
        return raw(name, dims, TensorProto.DataType.INT32_VALUE, bb.array());
    }

    private static ByteBuffer littleEndian(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The one place a tensor is built: name, element type, dims and little-endian raw_data. */
    private static TensorProto raw(String name, long[] dims, int type, byte[] bytes) {
        return TensorProto.newBuilder().setName(name).setDataType(type)
                .addAllDims(box(dims)).setRawData(ByteString.copyFrom(bytes)).build();
    }

    public static long[] dims(TensorProto t) {
        return t.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    public static long numel(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    public static float[] toFloats(TensorProto t) {
        int n = (int) numel(dims(t));
        if (t.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new IllegalArgumentException("tensor " + t.getName() + " is not float (type " + t.getDataType() + ")");
        }
        if (!t.getRawData().isEmpty()) {
            float[] out = new float[n];
            t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }
        float[] out = new float[t.getFloatDataCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getFloatData(i);
        }
        return out;
    }

    /** Integer-valued tensor (int64, int32, int8, uint8, bool) as longs: used for constant folding. */
    public static long[] toLongs(TensorProto t) {
        int n = (int) numel(dims(t));
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        boolean hasRaw = !t.getRawData().isEmpty();
        long[] out = new long[n];
        switch (t.getDataType()) {
            case TensorProto.DataType.INT64_VALUE -> {
                if (hasRaw) {
                    raw.asLongBuffer().get(out);
                } else {
                    for (int i = 0; i < n; i++) {
                        out[i] = t.getInt64Data(i);
                    }
                }
            }
            case TensorProto.DataType.INT32_VALUE, TensorProto.DataType.INT8_VALUE,
                    TensorProto.DataType.UINT8_VALUE, TensorProto.DataType.BOOL_VALUE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = hasRaw ? rawInt(raw, t.getDataType(), i) : t.getInt32Data(i);
                }
            }
            case TensorProto.DataType.FLOAT_VALUE -> {
                float[] f = toFloats(t);
                for (int i = 0; i < n; i++) {
                    out[i] = (long) f[i];
                }
            }
            default -> throw new IllegalArgumentException("tensor " + t.getName() + ": unsupported type " + t.getDataType());
        }
        return out;
    }

    private static long rawInt(ByteBuffer raw, int type, int i) {
        return switch (type) {
            case TensorProto.DataType.INT32_VALUE -> raw.getInt(i * 4);
            case TensorProto.DataType.INT8_VALUE -> raw.get(i);
            default -> raw.get(i) & 0xff;
        };
    }

    private static void checkCount(String name, long[] dims, int n) {
        if (numel(dims) != n) {
            throw new IllegalArgumentException("tensor " + name + ": dims " + Arrays.toString(dims)
                    + " hold " + numel(dims) + " values, got " + n);
        }
    }

    static java.util.List<Long> box(long[] dims) {
        return Arrays.stream(dims).boxed().toList();
    }
}
