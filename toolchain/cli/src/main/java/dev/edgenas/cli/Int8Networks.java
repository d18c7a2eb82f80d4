package dev.edgenas.cli;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.deploy.Target;
import dev.edgenas.deploy.quant.CalibrationMethod;
import dev.edgenas.deploy.quant.QuantOptions;
import dev.edgenas.deploy.quant.Quantizer;
import dev.edgenas.runtime.OrtSettings;
import java.util.function.UnaryOperator;

/**
 * A float network's deployed int8 form for CPU latency: the deploy quantizer itself (same placement rules, uint8
 * activations as {@code deploy --target cpu}), calibrated on two seeded random images. Latency depends on shapes
 * and placement, not on the ranges, so random calibration inputs time the same kernels a real deployment runs.
 */
final class Int8Networks {
    private Int8Networks() {
    }

    /** The identity for fp32 tables, the CPU deployment's quantizer for int8 ones. */
    static UnaryOperator<ModelProto> forPrecision(String precision, int threads) {
        if (precision.equals("fp32")) {
            return m -> m;
        }
        OrtSettings ort = OrtSettings.withThreads(Math.max(1, threads));
        QuantOptions opt = new QuantOptions(CalibrationMethod.MINMAX, 99.99, Target.CPU.defaultActivations);
        return m -> deployed(m, opt, ort);
    }

    static ModelProto deployed(ModelProto fp32, QuantOptions opt, OrtSettings ort) {
        return Quantizer.quantizeOnRandomImages(fp32, opt, ort);
    }
}
