package dev.edgenas.deploy.quant;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.Map;

/**
 * A quantised model and the parameters it was given.
 *
 * @param model             the QDQ ONNX model
 * @param activations       tensor -> scale / zero point, in graph order
 * @param weightScales      Conv node -> per-output-channel weight scales
 * @param options           how it was calibrated
 * @param calibrationImages images the ranges were estimated on
 * @param foldedBatchNorms  BatchNormalization nodes folded into convolutions
 */
public record QuantizedModel(ModelProto model, Map<String, QParams> activations, Map<String, float[]> weightScales,
                             QuantOptions options, int calibrationImages, int foldedBatchNorms) {
}
