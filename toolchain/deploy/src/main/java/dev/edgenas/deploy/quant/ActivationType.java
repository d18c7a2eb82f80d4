package dev.edgenas.deploy.quant;

import ai.onnx.proto.OnnxMl.TensorProto;

/** Element type of quantized activations (weights are always int8, symmetric per channel). */
public enum ActivationType {
    /** int8 activations with int8 weights (S8S8): what the GAP8 kernels use. */
    INT8(-128, 127, TensorProto.DataType.INT8),
    /** uint8 activations with int8 weights (U8S8): ONNX Runtime's classic x86 path. */
    UINT8(0, 255, TensorProto.DataType.UINT8);

    public final int qmin;
    public final int qmax;
    public final TensorProto.DataType onnxType;

    ActivationType(int qmin, int qmax, TensorProto.DataType onnxType) {
        this.qmin = qmin;
        this.qmax = qmax;
        this.onnxType = onnxType;
    }

    public boolean unsigned() {
        return this == UINT8;
    }

    public static ActivationType parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "int8", "s8" -> INT8;
            case "uint8", "u8" -> UINT8;
            default -> throw new IllegalArgumentException("activation type must be int8 or uint8, not " + s);
        };
    }
}
