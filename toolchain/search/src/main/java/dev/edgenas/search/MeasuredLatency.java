package dev.edgenas.search;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.runtime.OrtEnv;
import dev.edgenas.runtime.OrtSettings;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Measured ONNX Runtime latency of several networks at batch 1, with the settings the CPU latency table was
 * profiled with (its intra-op threads, ALL_OPT). Runs are interleaved (one run of each network per round) so that
 * load changes on a shared machine hit every network alike; the median per network is reported.
 */
public final class MeasuredLatency {
    private MeasuredLatency() {
    }

    /** Median milliseconds per network, in order, with one intra-op thread (the shipped CPU table's setting). */
    public static double[] medians(List<Path> models, int warmup, int rounds) {
        return medians(models, warmup, rounds, 1);
    }

    /** Median milliseconds per network, in order, with {@code threads} intra-op threads. */
    public static double[] medians(List<Path> models, int warmup, int rounds, int threads) {
        OrtEnvironment env = OrtEnv.get();
        List<OrtSession> sessions = new ArrayList<>();
        List<Map<String, OnnxTensor>> feeds = new ArrayList<>();
        try {
            for (Path p : models) {
                try (OrtSession.SessionOptions so = OrtSettings.withThreads(threads).sessionOptions()) {
                    so.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
                    OrtSession s = env.createSession(p.toString(), so);
                    sessions.add(s);
                    var info = (ai.onnxruntime.TensorInfo) s.getInputInfo().values().iterator().next().getInfo();
                    long[] shape = info.getShape().clone();
                    shape[0] = 1;
                    float[] x = new float[(int) (shape[1] * shape[2] * shape[3])];
                    SplittableRandom r = new SplittableRandom(5);
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (float) r.nextGaussian();
                    }
                    feeds.add(Map.of(s.getInputNames().iterator().next(),
                            OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape)));
                }
            }
            double[][] times = new double[models.size()][rounds];
            for (int w = 0; w < warmup; w++) {
                for (int m = 0; m < sessions.size(); m++) {
                    sessions.get(m).run(feeds.get(m)).close();
                }
            }
            for (int r = 0; r < rounds; r++) {
                for (int m = 0; m < sessions.size(); m++) {
                    long t0 = System.nanoTime();
                    sessions.get(m).run(feeds.get(m)).close();
                    times[m][r] = (System.nanoTime() - t0) / 1e6;
                }
            }
            double[] out = new double[models.size()];
            for (int m = 0; m < out.length; m++) {
                double[] t = times[m].clone();
                Arrays.sort(t);
                out[m] = t[t.length / 2];
            }
            return out;
        } catch (OrtException e) {
            throw new EdgenasException(ExitCode.FAILURE, "latency measurement failed: " + e.getMessage(), e);
        } finally {
            feeds.forEach(f -> f.values().forEach(OnnxTensor::close));
            for (OrtSession s : sessions) {
                try {
                    s.close();
                } catch (OrtException e) {
                    // closing after a failure: nothing more to report
                }
            }
        }
    }
}
