package dev.edgenas.profile.android;

import dev.edgenas.android.AdbClient;
import dev.edgenas.android.AndroidKernelRunner;
import dev.edgenas.android.AndroidProfileResult;
import dev.edgenas.android.ClockStats;
import dev.edgenas.android.KernelJob;
import dev.edgenas.android.OrtAndroidLibraries;
import dev.edgenas.android.RunSettings;
import dev.edgenas.core.AtomicFiles;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.profile.KernelModelFactory;
import dev.edgenas.profile.KernelProfiler;
import dev.edgenas.profile.RawOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Times single-kernel models ({@link KernelModelFactory}) on the phone with the edgenas agent and returns the
 * agent's own JSON lines as it printed them ({@link AndroidSampleParser} reads them). Starting the agent costs a
 * JVM start and an ORT load, so its natural batch is {@code reps} repetitions per kernel: the shared loop asks
 * for bursts of that size, and each call is one agent run of exactly the kernels and repetitions asked.
 */
final class AndroidKernelProfiler implements KernelProfiler, AutoCloseable {
    private final AdbClient adb;
    private final String serial;
    private final OrtAndroidLibraries ort;
    private final RunSettings base;
    private final int chunk;
    private final String source;
    private final String ortVersion;
    private final Consumer<String> log;
    private final Path work;
    private final KernelModelFactory factory = new KernelModelFactory();
    private final Map<String, Path> models = new HashMap<>();
    private int agentRuns;
    private ClockStats clocks = ClockStats.NONE;
    private com.fasterxml.jackson.databind.JsonNode agentHeader;

    AndroidKernelProfiler(AdbClient adb, String serial, OrtAndroidLibraries ort, RunSettings base, int chunk,
                          String source, String ortVersion, Consumer<String> log) {
        this.adb = adb;
        this.serial = serial;
        this.ort = ort;
        this.base = base;
        this.chunk = chunk;
        this.source = source;
        this.ortVersion = ortVersion;
        this.log = log;
        try {
            this.work = Files.createTempDirectory("edgenas-android-profile");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for kernel models", e);
        }
    }

    @Override
    public boolean samplesIncludeRunOverhead() {
        return true; // the agent times session.run of the whole single-kernel model
    }

    @Override
    public int naturalBatch() {
        return chunk;
    }

    /** One agent run of exactly these kernels and repetitions: the agent's JSON lines, unparsed. */
    @Override
    public synchronized RawOutput run(List<KernelKey> kernels, int warmup, int repetitions) {
        List<KernelJob> jobs = new ArrayList<>();
        for (KernelKey k : new LinkedHashSet<>(kernels)) {
            jobs.add(new KernelJob(k.canonical(), model(k)));
        }
        RunSettings s = base.withReps(warmup, repetitions, repetitions, 3600);
        agentRuns++;
        AndroidProfileResult r = new AndroidKernelRunner(adb, serial, ort, log).run(jobs, s);
        if (!r.ortVersion().isEmpty() && !r.ortVersion().equals(ortVersion)) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, source + ": the agent ran ONNX Runtime " + r.ortVersion()
                    + ", the device was described with " + ortVersion);
        }
        clocks = clocks.plus(r.clocks());
        agentHeader = r.agentHeader() != null ? r.agentHeader() : agentHeader;
        return new RawOutput(source, r.agentLines());
    }

    private Path model(KernelKey k) {
        return models.computeIfAbsent(k.canonical(), key -> {
            Path f = work.resolve("models").resolve(Integer.toHexString(key.hashCode()) + "-" + models.size() + ".onnx");
            AtomicFiles.write(f, factory.build(k).toByteArray());
            return f;
        });
    }

    synchronized int agentRuns() {
        return agentRuns;
    }

    /** The last agent header (VM, java.vendor, native libraries loaded), null before the first run. */
    synchronized com.fasterxml.jackson.databind.JsonNode agentHeader() {
        return agentHeader;
    }

    /** Clock checks of every agent run so far. */
    synchronized ClockStats clocks() {
        return clocks;
    }

    @Override
    public synchronized void close() {
        deleteTree(work);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temporary files only
        }
    }

    static RunSettings settings(AndroidSettings a, int threads, String expectedOrt) {
        return RunSettings.defaults().withCores(a.cores()).withThreads(threads)
                .withPacing(Duration.ofMinutes(5), Duration.ofSeconds(5), 2, a.attempts(), a.backoff())
                .withRuntime(a.ep(), expectedOrt, a.clockCheck());
    }
}
