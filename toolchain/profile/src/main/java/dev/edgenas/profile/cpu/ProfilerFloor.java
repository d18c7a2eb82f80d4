package dev.edgenas.profile.cpu;

import dev.edgenas.runtime.OrtEnv;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.ir.GraphBuilder;
import dev.edgenas.latency.SampleStats;
import dev.edgenas.runtime.OrtModelTimer;
import dev.edgenas.runtime.OrtSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What ONNX Runtime's profiler adds to every node it times. Measured on a chain of {@value #CHAIN}
 * ReLUs over 128 floats: the profiler reports their mean duration (a couple of microseconds), while
 * the wall clock without profiling says a node of the chain really costs (T(chain) - T(1 node)) /
 * (chain - 1), a fraction of a microsecond. The difference is subtracted from every kernel node;
 * without it a table over-predicts a 40-kernel network by ~0.1 ms (docs/LATENCY-TABLES.md).
 */
final class ProfilerFloor {
    static final int CHAIN = 50;
    private static final long[] SHAPE = {1, 8, 4, 4};

    private ProfilerFloor() {
    }

    /** The per-node profiler overhead in ns (never negative). */
    static long measureNs(OrtSettings settings, Path profileDir) {
        double trueNs = wallPerNodeNs(settings);
        double reportedNs = profiledPerNodeNs(settings, profileDir);
        return Math.max(0, Math.round(reportedNs - trueNs));
    }

    private static double wallPerNodeNs(OrtSettings settings) {
        try (OrtModelTimer one = new OrtModelTimer("relu chain", chain(1), settings);
             OrtModelTimer many = new OrtModelTimer("relu chain", chain(CHAIN), settings)) {
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 3; round++) { // the quietest of three rounds: load only adds
                double t1 = median(one.time(20, 200));
                double tn = median(many.time(20, 200));
                best = Math.min(best, (tn - t1) / (CHAIN - 1));
            }
            return Math.max(0, best);
        }
    }

    private static double profiledPerNodeNs(OrtSettings settings, Path profileDir) {
        // one unit an exit waits for, as each kernel's measurement
        return dev.edgenas.core.NativeCalls.run(() -> profiledPerNodeNsNative(settings, profileDir));
    }

    private static double profiledPerNodeNsNative(OrtSettings settings, Path profileDir) {
        OrtEnvironment env = OrtEnv.get();
        Map<String, OnnxTensor> inputs = Map.of();
        try (OrtSession.SessionOptions o = settings.sessionOptions()) {
            o.enableProfiling(profileDir.resolve("floor").toString());
            try (OrtSession s = env.createSession(chain(CHAIN).toByteArray(), o)) {
                inputs = OrtModelTimer.randomInputs(env, s);
                for (int i = 0; i < 40; i++) {
                    s.run(inputs).close();
                }
                Path file = Path.of(s.endProfiling());
                List<Long> perRun = OrtProfile.kernelNsPerRun(file); // includes the truncation correction
                Files.deleteIfExists(file);
                long[] tail = perRun.subList(10, perRun.size()).stream().mapToLong(Long::longValue).toArray();
                return Arrays.stream(tail).average().orElseThrow() / CHAIN;
            }
        } catch (OrtException e) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, "cpu: ONNX Runtime profiler calibration failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static double median(long[] ns) {
        return SampleStats.median(Arrays.stream(ns).asDoubleStream().sorted().toArray());
    }

    private static ai.onnx.proto.OnnxMl.ModelProto chain(int n) {
        GraphBuilder g = new GraphBuilder("relu_chain");
        String x = g.input("x0", SHAPE);
        for (int i = 0; i < n; i++) {
            x = g.node("Relu", "r" + i, List.of(x));
        }
        g.output(x, SHAPE);
        return g.build();
    }
}
