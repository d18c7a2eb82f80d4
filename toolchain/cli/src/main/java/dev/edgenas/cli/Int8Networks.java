package dev.edgenas.cli;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import dev.edgenas.deploy.Target;
import dev.edgenas.deploy.quant.CalibrationMethod;
import dev.edgenas.deploy.quant.QuantOptions;
import dev.edgenas.deploy.quant.Quantizer;
import dev.edgenas.ir.Graph;
import dev.edgenas.runtime.OrtSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
        Graph g = Graph.of(fp32);
        List<TensorShapeProto.Dimension> dims = g.inputs().get(0).getType().getTensorType().getShape().getDimList();
        long[] shape = new long[dims.size()];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i).hasDimValue() && dims.get(i).getDimValue() > 0 ? dims.get(i).getDimValue() : 1;
            n *= shape[i];
        }
        SplittableRandom rng = new SplittableRandom(5);
        List<float[]> images = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            float[] x = new float[Math.toIntExact(n)];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            images.add(x);
        }
        return Quantizer.quantize(g, images, shape, opt, ort, null).model();
    }
}
