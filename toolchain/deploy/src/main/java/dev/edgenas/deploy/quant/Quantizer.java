package dev.edgenas.deploy.quant;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import dev.edgenas.core.Json;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.runtime.OrtSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Static post-training int8 quantisation of an ONNX graph in the QDQ format: BatchNorm folding,
 * calibration of per-tensor activation ranges, per-channel symmetric int8 weights, int32 biases.
 */
public final class Quantizer {
    /** Model metadata key holding how the model was quantised (JSON). */
    public static final String METADATA_KEY = "edgenas.quantization";

    private Quantizer() {
    }

    /**
     * Checks that every node can be quantised, without calibrating: throws a BadInputException naming
     * the first node that cannot.
     */
    public static QuantPlan plan(Graph fp32) {
        return QuantPlan.of(FloatGraphPreparer.prepare(fp32));
    }

    /**
     * @param calibration calibration inputs, each a preprocessed image (1 x 3 x H x W floats)
     * @param inputShape  the shape of one calibration input
     * @param progress    images processed (both calibration passes), may be null
     */
    public static QuantizedModel quantize(Graph fp32, List<float[]> calibration, long[] inputShape, QuantOptions opt,
                                          OrtSettings settings, IntConsumer progress) {
        Graph prepared = FloatGraphPreparer.prepare(fp32);
        int folded = (int) (count(fp32, "BatchNormalization") - count(prepared, "BatchNormalization"));
        QuantPlan plan = QuantPlan.of(prepared);
        List<String> calibrated = new ArrayList<>();
        for (String t : plan.quantizedTensors()) {
            if (plan.sharesWith(t) == null) {
                calibrated.add(t);
            }
        }
        Map<String, double[]> ranges = new Calibrator(prepared, calibrated, settings)
                .ranges(calibration, inputShape, opt, progress);
        Set<String> keepMinMax = opt.method() == CalibrationMethod.MINMAX ? Set.of() : logitTensors(prepared, plan);
        Map<String, QParams> params = new LinkedHashMap<>();
        for (String t : plan.quantizedTensors()) {
            String src = plan.sharesWith(t);
            if (src != null) {
                params.put(t, params.get(src));
                continue;
            }
            // logits are never clipped: two classes saturating at the same value would tie the argmax
            double[] r = keepMinMax.contains(t) ? ranges.get(t + MINMAX_SUFFIX) : ranges.get(t);
            double lo = r[0];
            double hi = r[1];
            Float actHigh = plan.activationHigh(t);
            if (actHigh != null) {
                lo = 0;
                hi = Math.min(hi, actHigh);
            }
            params.put(t, QParams.fromRange(lo, hi, opt.activations()));
        }
        QdqEmitter emitter = new QdqEmitter(plan, params);
        ModelProto m = emitter.emit();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("format", "QDQ");
        info.put("weights", "int8 symmetric per output channel");
        info.put("activations", opt.activations().name().toLowerCase() + " asymmetric per tensor");
        info.put("calibration", opt.method().name().toLowerCase());
        if (opt.method() == CalibrationMethod.PERCENTILE) {
            info.put("percentile", opt.percentile());
        }
        info.put("calibrationImages", calibration.size());
        info.put("foldedBatchNorms", folded);
        m = ModelMetadata.withProperty(m, METADATA_KEY, Json.write(info).replaceAll("\\s*\\n\\s*", " "));
        Map<String, float[]> ws = new LinkedHashMap<>();
        emitter.weights().forEach(w -> ws.put(w.node(), w.scales()));
        return new QuantizedModel(m, params, ws, opt, calibration.size(), folded);
    }

    static final String MINMAX_SUFFIX = Calibrator.MINMAX_SUFFIX;

    /** The graph outputs and the tensors they are resized from (the logits at every resolution). */
    private static Set<String> logitTensors(Graph g, QuantPlan plan) {
        Set<String> out = new HashSet<>();
        for (var o : g.outputs()) {
            String t = o.getName();
            while (t != null && out.add(t)) {
                var p = g.producer(t);
                t = p != null && p.getOpType().equals("Resize") ? p.getInput(0) : null;
            }
        }
        return out;
    }

    private static long count(Graph g, String op) {
        return g.nodes().stream().filter(n -> n.getOpType().equals(op)).count();
    }
    /**
     * The deployed int8 form of a float network for timing: calibrated on two seeded (5) Gaussian images of its
     * input shape (symbolic dimensions taken as 1). The cycles and latency of integer code do not depend on the
     * ranges, so whole-network timers (CPU int8 tables, GAP8 on GVSOC) deploy with this one calibration.
     */
    public static ModelProto quantizeOnRandomImages(ModelProto fp32, QuantOptions opt, OrtSettings ort) {
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
        return quantize(g, images, shape, opt, ort, null).model();
    }
}
