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
import dev.edgenas.profile.SampleLines;
import dev.edgenas.profile.SampleUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Runs kernels on GAP8 (board, GVSOC or host-sim) through {@link Gap8Profiler} and prints their
 * cluster cycle counts in the {@link SampleLines} format, after a {@code gap8 ...} line with the
 * clocks the device read back. Its natural batch is the {@code reps} setting: the shared loop asks
 * for bursts of that size, so each call is one firmware run of exactly the kernels and repetitions
 * asked, in the loop's order. The firmware has no empty kernel, so
 * {@link Kernels#EMPTY} runs as a one-element int8 add: a cluster fork that does no work.
 */
final class Gap8KernelProfiler implements KernelProfiler {
    static final KernelKey EMPTY_PROXY = KernelKey.parse("add;in=1x1x1x1,1x1x1x1;out=1x1x1x1;act=none;prec=int8");
    /** The firmware's per-kernel sample buffer (EN_MAX_REPS). */
    static final int MAX_REPS = 1000;

    private final Gap8Options options;
    private final String source;
    private final Consumer<String> log;
    /** The connect probe's samples of the empty kernel, served once to the first round that asks for them. */
    private long[] probeSamples;
    private final Map<String, long[]> got = new LinkedHashMap<>();
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
            deviceRun(List.of(Kernels.EMPTY), options.warmup(), options.reps());
            probeSamples = got.remove(Kernels.EMPTY.canonical());
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
        Gap8KernelResult p = probe();
        got.clear();
        if (kernels.size() == 1 && Kernels.isEmpty(kernels.get(0)) && probeSamples != null
                && probeSamples.length == repetitions) {
            got.put(Kernels.EMPTY.canonical(), probeSamples);
        } else {
            deviceRun(new ArrayList<>(new LinkedHashSet<>(kernels)), warmup, Math.min(repetitions, MAX_REPS));
        }
        probeSamples = null;
        List<String> lines = new ArrayList<>();
        lines.add(SampleLines.HEADER);
        lines.add(clockLine(p));
        for (KernelKey k : kernels) {
            long[] v = got.get(k.canonical());
            if (v != null) {
                lines.add(SampleLines.sample(SampleUnit.CYCLES, k.canonical(), v));
            }
        }
        return new RawOutput(source, lines);
    }

    static String clockLine(Gap8KernelResult r) {
        return "gap8 platform=" + r.platform() + " fc_hz=" + Math.round(r.fcHz()) + " cl_hz=" + Math.round(r.clHz());
    }

    private void deviceRun(List<KernelKey> kernels, int warmup, int reps) {
        Map<String, KernelKey> byDeviceKey = new LinkedHashMap<>();
        for (KernelKey k : kernels) {
            byDeviceKey.put((Kernels.isEmpty(k) ? EMPTY_PROXY : k).canonical(), k);
        }
        Gap8Options o = options.toBuilder().reps(reps).warmup(warmup).dryRun(false).build();
        List<KernelKey> deviceKeys = byDeviceKey.keySet().stream().map(KernelKey::parse).toList();
        firmwareRuns++;
        Gap8RunReport report = Gap8Profiler.run(deviceKeys, o, r -> accept(byDeviceKey.get(r.key().canonical()), r));
        report.warnings().forEach(w -> {
            warnings.add(w);
            log.accept("gap8: " + w);
        });
        for (Map.Entry<String, String> e : report.unsupported().entrySet()) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, source + ": kernel " + e.getKey()
                    + " could not run on the device: " + e.getValue());
        }
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
        got.put(asked.canonical(), r.cycles());
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
