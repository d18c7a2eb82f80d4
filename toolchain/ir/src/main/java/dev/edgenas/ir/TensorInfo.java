package dev.edgenas.ir;

import java.util.Arrays;

/**
 * What shape inference knows about one tensor: its shape, element type (ONNX DataType) and, for
 * the small integer tensors of shape-computation chains, its constant value.
 */
public record TensorInfo(long[] shape, int elemType, long[] constant) {
    public long numel() {
        return Tensors.numel(shape);
    }

    public int rank() {
        return shape.length;
    }

    public long dim(int i) {
        return shape[i < 0 ? shape.length + i : i];
    }

    public boolean isConstant() {
        return constant != null;
    }

    /** Bytes of the tensor at its element type. */
    public long bytes() {
        return numel() * elemSize(elemType);
    }

    public static int elemSize(int elemType) {
        return switch (elemType) {
            case 2, 3, 9 -> 1;      // uint8, int8, bool
            case 4, 5, 10, 16 -> 2; // uint16, int16, float16, bfloat16
            case 7, 11, 13 -> 8;    // int64, double, uint64
            default -> 4;
        };
    }

    @Override
    public String toString() {
        return KernelKey.dims(shape) + (constant == null ? "" : "=" + Arrays.toString(constant));
    }
}
