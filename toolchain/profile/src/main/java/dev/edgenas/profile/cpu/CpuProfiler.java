package dev.edgenas.profile.cpu;

import dev.edgenas.runtime.OrtEnv;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.profile.KernelModelFactory;
import dev.edgenas.profile.KernelProfiler;
import dev.edgenas.profile.Kernels;
import dev.edgenas.runtime.OrtModelTimer;
import dev.edgenas.profile.RawOutput;
import dev.edgenas.profile.SampleLines;
import dev.edgenas.profile.SampleUnit;
import dev.edgenas.runtime.OrtSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Times kernels in ONNX Runtime with the deployment session settings and writes the samples in
 * the {@link SampleLines} format, as a remote device would print them.
 *
 * <p>A sample is the time ONNX Runtime's own per-node profiler records for the kernel's nodes in
 * one run of its single-kernel model, not the wall time of the run: a lone kernel pays layout
 * conversions at the model's edges (NCHWc reorders on x86) that a network pays once, and those
 * would make the table over-predict networks by half (docs/LATENCY-TABLES.md). Profiling is
 * switched on per session, so each round opens a fresh session (outside the timed region) and the
 * warm-up runs absorb its first-run costs. The empty graph is timed by wall clock: it is the
 * per-run overhead itself. The profiler's own cost per node is measured once ({@link ProfilerFloor})
 * and subtracted.
 */
final class CpuProfiler implements KernelProfiler, AutoCloseable {
    private final OrtSettings settings;
    private final String source;
    private final KernelModelFactory factory = new KernelModelFactory();
    private final Map<KernelKey, byte[]> models = new HashMap<>();
    private final Path profileDir;
    private OrtModelTimer empty;
    private long floorNs = -1;

    CpuProfiler(OrtSettings settings, String source) {
        this.settings = settings;
        this.source = source;
        try {
            this.profileDir = Files.createTempDirectory("edgenas-ort-profile");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for ONNX Runtime profiles", e);
        }
    }

    /** The profiler's per-node overhead (measured on first use), subtracted from every kernel node. */
    synchronized long profilerFloorNs() {
        if (floorNs < 0) {
            floorNs = ProfilerFloor.measureNs(settings, profileDir);
        }
        return floorNs;
    }

    @Override
    public boolean samplesIncludeRunOverhead() {
        return false;
    }

    @Override
    public synchronized RawOutput run(List<KernelKey> kernels, int warmup, int repetitions) {
        List<String> lines = new ArrayList<>();
        lines.add(SampleLines.HEADER);
        for (KernelKey k : kernels) {
            long[] ns;
            if (Kernels.isEmpty(k)) {
                if (empty == null) {
                    empty = new OrtModelTimer("empty graph", factory.build(k), settings);
                }
                ns = empty.time(warmup, repetitions);
            } else {
                ns = nodeTimes(k, warmup, repetitions);
            }
            lines.add(SampleLines.sample(SampleUnit.NS, k.canonical(), ns));
        }
        return new RawOutput(source, lines);
    }

    private long[] nodeTimes(KernelKey k, int warmup, int reps) {
        // the whole measurement (session, inputs, runs, profile, close) is one unit an exit waits for
        return dev.edgenas.core.NativeCalls.run(() -> nodeTimesNative(k, warmup, reps));
    }

    private long[] nodeTimesNative(KernelKey k, int warmup, int reps) {
        byte[] model = models.computeIfAbsent(k, key -> factory.build(key).toByteArray());
        OrtEnvironment env = OrtEnv.get();
        Map<String, OnnxTensor> inputs = Map.of();
        try (OrtSession.SessionOptions o = settings.sessionOptions()) {
            o.enableProfiling(profileDir.resolve("kernel").toString());
            try (OrtSession s = env.createSession(model, o)) {
                inputs = OrtModelTimer.randomInputs(env, s);
                for (int i = 0; i < warmup + reps; i++) {
                    s.run(inputs).close();
                }
                Path file = Path.of(s.endProfiling());
                List<Long> perRun = OrtProfile.kernelNsPerRun(file, profilerFloorNs());
                Files.deleteIfExists(file);
                if (perRun.size() != warmup + reps) {
                    throw new EdgenasException(ExitCode.DEVICE_ERROR, source + ": ONNX Runtime profile of " + k + " has "
                            + perRun.size() + " runs, expected " + (warmup + reps));
                }
                long[] ns = new long[reps];
                for (int i = 0; i < reps; i++) {
                    ns[i] = Math.max(1, perRun.get(warmup + i)); // a 0 us node still took some time
                }
                return ns;
            }
        } catch (OrtException e) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, source + ": ONNX Runtime failed on " + k + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public synchronized void close() {
        if (empty != null) {
            empty.close();
            empty = null;
        }
        try (var files = Files.list(profileDir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(profileDir);
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
