package dev.edgenas.deploy.quant;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.ir.Graph;
import dev.edgenas.runtime.OrtEnv;
import dev.edgenas.runtime.OrtSettings;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Runs the prepared float graph in ONNX Runtime over the calibration inputs with every tensor to be
 * quantised exposed as an output, and turns the values into ranges: one pass for min/max, a second
 * for the histograms that percentile and entropy need (bins span the first pass's range).
 */
public final class Calibrator {
    /** Key suffix under which {@link #ranges} also returns every tensor's observed min/max. */
    public static final String MINMAX_SUFFIX = " (observed min/max)";

    private final Graph g;
    private final List<String> tensors;
    private final OrtSettings settings;

    public Calibrator(Graph prepared, List<String> tensors, OrtSettings settings) {
        this.g = prepared;
        this.tensors = List.copyOf(tensors);
        this.settings = settings;
    }

    /**
     * @param inputs   calibration inputs, each one image as NCHW with N = 1 (shape {@code shape})
     * @param progress called with the number of images done (both passes counted), may be null
     * @return tensor -> {lo, hi} by the method, and tensor + MINMAX_SUFFIX -> observed {min, max}
     */
    public Map<String, double[]> ranges(List<float[]> inputs, long[] shape, QuantOptions opt, IntConsumer progress) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("calibration needs at least one image");
        }
        int n = tensors.size();
        double[] min = new double[n];
        double[] max = new double[n];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        long[][] hist = opt.method() == CalibrationMethod.MINMAX ? null : new long[n][RangeEstimator.BINS];
        boolean abs = opt.method() == CalibrationMethod.ENTROPY;
        OrtEnvironment env = OrtEnv.get();
        try (OrtSession.SessionOptions so = settings.sessionOptions();
             OrtSession s = env.createSession(withOutputs().toByteArray(), so)) {
            String input = g.inputs().get(0).getName();
            Set<String> requested = new HashSet<>(tensors);
            requested.remove(input);
            int done = 0;
            int passes = hist == null ? 1 : 2;
            for (int pass = 0; pass < passes; pass++) {
                for (float[] x : inputs) {
                    try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
                         OrtSession.Result r = dev.edgenas.core.NativeCalls.run(() -> s.run(Map.of(input, t), requested))) {
                        for (int i = 0; i < n; i++) {
                            FloatBuffer fb = tensors.get(i).equals(input) ? FloatBuffer.wrap(x) : values(r, tensors.get(i));
                            if (pass == 0) {
                                minMax(fb, min, max, i);
                            } else {
                                histogram(fb, hist[i], min[i], max[i], abs);
                            }
                        }
                    }
                    if (progress != null) {
                        progress.accept(++done);
                    }
                }
            }
        } catch (OrtException e) {
            throw new EdgenasException(ExitCode.FAILURE, (g.source() == null ? "" : g.source() + ": ")
                    + "calibration run failed in ONNX Runtime: " + e.getMessage(), e);
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(tensors.get(i), choose(opt, min[i], max[i], hist == null ? null : hist[i]));
            out.put(tensors.get(i) + MINMAX_SUFFIX, new double[] {min[i], max[i]});
        }
        return out;
    }

    private static double[] choose(QuantOptions opt, double min, double max, long[] hist) {
        return switch (opt.method()) {
            case MINMAX -> new double[] {min, max};
            case PERCENTILE -> RangeEstimator.percentile(hist, min, max, opt.percentile());
            case ENTROPY -> {
                double absMax = Math.max(Math.abs(min), Math.abs(max));
                int levels = min >= 0 ? opt.activations().qmax - opt.activations().qmin + 1
                        : (opt.activations().qmax - opt.activations().qmin + 1) / 2;
                double t = RangeEstimator.entropyThreshold(hist, absMax, levels);
                yield new double[] {Math.max(min, -t), Math.min(max, t)};
            }
        };
    }

    private static FloatBuffer values(OrtSession.Result r, String name) {
        OnnxValue v = r.get(name).orElseThrow(() -> new IllegalStateException("ORT returned no tensor " + name));
        return ((OnnxTensor) v).getFloatBuffer();
    }

    private static void minMax(FloatBuffer fb, double[] min, double[] max, int i) {
        float lo = (float) min[i];
        float hi = (float) max[i];
        while (fb.hasRemaining()) {
            float v = fb.get();
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        min[i] = lo;
        max[i] = hi;
    }

    private static void histogram(FloatBuffer fb, long[] h, double min, double max, boolean abs) {
        double lo = abs ? 0 : min;
        double hi = abs ? Math.max(Math.abs(min), Math.abs(max)) : max;
        if (!(hi > lo)) {
            h[0] += fb.remaining();
            return;
        }
        double inv = h.length / (hi - lo);
        int last = h.length - 1;
        while (fb.hasRemaining()) {
            float v = fb.get();
            double x = abs ? Math.abs(v) : v;
            int b = (int) ((x - lo) * inv);
            h[b < 0 ? 0 : Math.min(b, last)]++;
        }
    }

    /** The model with every calibrated tensor declared as an output (type only: ORT infers shapes). */
    private ModelProto withOutputs() {
        GraphProto.Builder gb = g.model().getGraph().toBuilder();
        Set<String> existing = new HashSet<>();
        gb.getOutputList().forEach(o -> existing.add(o.getName()));
        List<String> missing = new ArrayList<>();
        for (String t : tensors) {
            if (!existing.contains(t) && !t.equals(g.inputs().get(0).getName())) {
                missing.add(t);
            }
        }
        for (String t : missing) {
            gb.addOutput(ValueInfoProto.newBuilder().setName(t).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))));
        }
        return g.model().toBuilder().setGraph(gb).build();
    }
}
