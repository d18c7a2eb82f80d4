package dev.edgenas.profile.gap8;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.gap8.Gap8KernelResult;
import dev.edgenas.gap8.Gap8Options;
import dev.edgenas.gap8.Gap8Profiler;
import dev.edgenas.gap8.Gap8RunReport;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.profile.KernelProfiler;
import dev.edgenas.profile.Kernels;
import dev.edgenas.profile.RawOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Runs kernels on GAP8 (board, GVSOC or host-sim) through {@link Gap8Profiler} and returns what came
 * over the UART, byte for byte, for each firmware run of the round ({@link Gap8UartOutput}); the
 * {@link Gap8SampleParser} decodes the frames. The profiler decodes them live as well, because it
 * needs to know which kernels a failed run still owes (retries, in {@code gap8.BatchExecutor}) and
 * keeps the side facts a table records (clocks, kernels left in L2, checksum mismatches). Its natural
 * batch is the {@code reps} setting: the shared loop asks for bursts of that size, so each call is one
 * firmware run (plus retries) of exactly the kernels and repetitions asked, in the loop's order. The
 * firmware has no empty kernel, so {@link Kernels#EMPTY} runs as a one-element int8 add: a cluster
 * fork that does no work.
 */
final class Gap8KernelProfiler implements KernelProfiler {
    static final KernelKey EMPTY_PROXY = KernelKey.parse("add;in=1x1x1x1,1x1x1x1;out=1x1x1x1;act=none;prec=int8");
    /** The firmware's per-kernel sample buffer (EN_MAX_REPS). */
    static final int MAX_REPS = 1000;

    private final Gap8Options options;
    private final String source;
    private final Consumer<String> log;
    /** The connect probe's UART output of the empty kernel, served once to the first round that asks for it. */
    private RawOutput probeOutput;
    private int probeReps;
    private final Set<String> fromL2 = new TreeSet<>();
    private final Set<String> checksumMismatch = new TreeSet<>();
    private final List<String> warnings = new ArrayList<>();
    private Gap8KernelResult first;
    private int firmwareRuns;

    Gap8KernelProfiler(Gap8Options options, String source, Consumer<String> log) {
        this.options = options;
        this.source = source;
        this.log = log;
    }

    /** The first measurement (HELLO clocks, platform); runs the empty kernel if nothing ran yet. */
    synchronized Gap8KernelResult probe() {
        if (first == null) {
            probeOutput = deviceRun(List.of(Kernels.EMPTY), options.warmup(), options.reps());
            probeReps = options.reps();
        }
        return first;
    }

    @Override
    public boolean deterministic() {
        return options.platform() == dev.edgenas.gap8.Gap8Platform.GVSOC; // GVSOC: same cycles every run
    }

    @Override
    public boolean samplesIncludeRunOverhead() {
        return false; // cycle counters bracket the kernel's fork only
    }

    @Override
    public int naturalBatch() {
        return Math.min(options.reps(), MAX_REPS);
    }

    /** One firmware run of exactly these kernels and repetitions (the probe's empty-kernel run counts as one). */
    @Override
    public synchronized RawOutput run(List<KernelKey> kernels, int warmup, int repetitions) {
        probe();
        RawOutput out = probeOutput;
        probeOutput = null;
        if (out != null && kernels.size() == 1 && Kernels.isEmpty(kernels.get(0)) && probeReps == repetitions) {
            return out;
        }
        return deviceRun(new ArrayList<>(new LinkedHashSet<>(kernels)), warmup, Math.min(repetitions, MAX_REPS));
    }

    static String clockLine(Gap8KernelResult r) {
        return "gap8 platform=" + r.platform() + " fc_hz=" + Math.round(r.fcHz()) + " cl_hz=" + Math.round(r.clHz());
    }

    private RawOutput deviceRun(List<KernelKey> kernels, int warmup, int reps) {
        Map<String, KernelKey> byDeviceKey = new LinkedHashMap<>();
        for (KernelKey k : kernels) {
            byDeviceKey.put(Gap8UartOutput.deviceKey(k).canonical(), k);
        }
        List<Gap8UartOutput.Run> runs = new ArrayList<>();
        Gap8Options o = options.toBuilder().reps(reps).warmup(warmup).dryRun(false).build();
        List<KernelKey> deviceKeys = byDeviceKey.keySet().stream().map(KernelKey::parse).toList();
        firmwareRuns++;
        Gap8RunReport report = Gap8Profiler.run(deviceKeys, o, r -> accept(byDeviceKey.get(r.key().canonical()), r),
                c -> runs.add(new Gap8UartOutput.Run(c, c.kernels().stream().map(k -> byDeviceKey.get(k.canonical())).toList())));
        report.warnings().forEach(w -> {
            warnings.add(w);
            log.accept("gap8: " + w);
        });
        for (Map.Entry<String, String> e : report.unsupported().entrySet()) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, source + ": kernel " + e.getKey()
                    + " could not run on the device: " + e.getValue());
        }
        return Gap8UartOutput.encode(source, runs);
    }

    private void accept(KernelKey asked, Gap8KernelResult r) {
        if (first == null) {
            first = r;
        } else if (r.clHz() != first.clHz() || r.fcHz() != first.fcHz() || !r.platform().equals(first.platform())) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, source + ": the device changed: it reported "
                    + clockLine(r) + " after " + clockLine(first) + "; samples at different clocks cannot share a table");
        }
        if (r.fromL2()) {
            fromL2.add(asked.canonical());
        }
        if (!r.checksumOk()) {
            checksumMismatch.add(asked.canonical());
            log.accept("gap8: " + asked + ": output checksum differs from the host's single-core reference run");
        }
    }

    synchronized Set<String> fromL2() {
        return Set.copyOf(fromL2);
    }

    synchronized Set<String> checksumMismatches() {
        return Set.copyOf(checksumMismatch);
    }

    synchronized int firmwareRuns() {
        return firmwareRuns;
    }

    synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }
}
