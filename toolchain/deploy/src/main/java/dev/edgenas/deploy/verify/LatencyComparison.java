package dev.edgenas.deploy.verify;

import dev.edgenas.runtime.OrtEnv;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.runtime.OrtSettings;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * fp32 vs int8 latency in ONNX Runtime on this CPU: batch 1, both sessions with the same
 * OrtSettings, warm-up runs, then rounds that alternate the two models (so drift in clocks or
 * load hits both alike), medians of each.
 *
 * @param fp32Ms   median fp32 latency
 * @param int8Ms   median int8 latency
 * @param ratio    int8 / fp32
 * @param fp32P10  10th percentile fp32
 * @param fp32P90  90th percentile fp32
 * @param int8P10  10th percentile int8
 * @param int8P90  90th percentile int8
 * @param warmup   warm-up runs per model
 * @param runs     timed runs per model
 * @param threads  intra-op threads
 * @param optLevel ORT graph optimisation level
 */
public record LatencyComparison(double fp32Ms, double int8Ms, double ratio, double fp32P10, double fp32P90,
                                double int8P10, double int8P90, int warmup, int runs, int threads, String optLevel) {

    public static LatencyComparison measure(Path fp32, Path int8, float[] input, long[] shape, OrtSettings settings,
                                            int warmup, int runs) {
        OrtEnvironment env = OrtEnv.get();
        try (OrtSession.SessionOptions so = settings.sessionOptions();
             OrtSession a = env.createSession(fp32.toString(), so);
             OrtSession b = env.createSession(int8.toString(), so);
             OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape)) {
            String inA = a.getInputNames().iterator().next();
            String inB = b.getInputNames().iterator().next();
            for (int i = 0; i < warmup; i++) {
                a.run(Map.of(inA, x)).close();
                b.run(Map.of(inB, x)).close();
            }
            double[] ta = new double[runs];
            double[] tb = new double[runs];
            for (int i = 0; i < runs; i++) {
                ta[i] = time(a, inA, x);
                tb[i] = time(b, inB, x);
            }
            Arrays.sort(ta);
            Arrays.sort(tb);
            double ma = q(ta, 0.5);
            double mb = q(tb, 0.5);
            return new LatencyComparison(ma, mb, mb / ma, q(ta, 0.1), q(ta, 0.9), q(tb, 0.1), q(tb, 0.9), warmup, runs,
                    settings.threads(), settings.optLevel());
        } catch (OrtException e) {
            throw new EdgenasException(ExitCode.FAILURE, fp32 + " vs " + int8 + ": latency measurement failed in ONNX Runtime: " + e.getMessage(), e);
        }
    }

    private static double time(OrtSession s, String in, OnnxTensor x) throws OrtException {
        long t0 = System.nanoTime();
        s.run(Map.of(in, x)).close();
        return (System.nanoTime() - t0) / 1e6;
    }

    /** Quantile of sorted values (nearest rank, interpolated). */
    static double q(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
