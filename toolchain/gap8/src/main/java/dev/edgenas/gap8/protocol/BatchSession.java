package dev.edgenas.gap8.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns the frames of one batch run into kernel measurements, and keeps the line statistics that
 * classify a failed run. Pure logic, no I/O: the profiler feeds it, tests feed it strings.
 *
 * <p>A kernel is accepted only from an unbroken run of frames START, SAMPLE x reps, RESULT with
 * consecutive sequence numbers, all samples present once and the device's min/median/max equal
 * to those of the samples. Anything less (a dropped or corrupted frame inside) discards that
 * kernel for this run; the profiler measures it again. Each kernel index is accepted at most once,
 * so a duplicated frame or a device that resets and repeats the batch never yields two entries.
 */
public final class BatchSession implements FrameReader.Listener {

    /** What the host built into the firmware; the device must echo it back. */
    public record Expectation(long batchId, int kernelCount, int reps, int warmup, String firmwareHash) {
    }

    private final Expectation expect;
    private final Consumer<FrameMeasurement> sink;
    private final SessionStats stats = new SessionStats();
    private final Set<Integer> accepted = new HashSet<>();
    private final Map<Integer, String> kernelErrors = new TreeMap<>();
    private final List<String> warnings = new ArrayList<>();
    private Hello hello;
    private Long lastSeq;
    private OpenKernel open;
    private boolean configSeen;
    private boolean ended;
    private String violation;

    public BatchSession(Expectation expect, Consumer<FrameMeasurement> sink) {
        this.expect = expect;
        this.sink = sink;
    }

    @Override
    public void onError(FrameError error, String detail) {
        stats.countError(error, detail);
        if (error == FrameError.VERSION) {
            violation = detail;
        }
    }

    @Override
    public void onFrame(Frame f) {
        stats.frames++;
        try {
            dispatch(f);
        } catch (FrameException e) {
            onError(e.error(), e.getMessage());
        }
    }

    private void dispatch(Frame f) {
        boolean reboot = f.seq() == 0 && f.type().equals("HELLO") && lastSeq != null && lastSeq > 0
                || f.seq() == 1 && f.type().equals("CONFIG") && lastSeq != null && lastSeq > 1;
        if (reboot && lastSeq != null) {
            // the device restarted the batch (power glitch, watchdog, reset button)
            stats.resets++;
            open = null;
            configSeen = false;
            ended = false;
            lastSeq = null;
        }
        if (lastSeq == null && !f.type().equals("HELLO") && hello == null) {
            stats.beforeHello++;
            return;
        }
        if (lastSeq != null) {
            if (f.seq() <= lastSeq) {
                stats.duplicates++;
                return;
            }
            if (f.seq() > lastSeq + 1) {
                stats.dropped += f.seq() - lastSeq - 1;
                if (open != null) {
                    open.broken = true;
                }
            }
        }
        lastSeq = f.seq();
        switch (f.type()) {
            case "HELLO" -> onHello(Hello.of(f));
            case "CONFIG" -> onConfig(f);
            case "START" -> onStart(f);
            case "SAMPLE" -> onSample(f);
            case "RESULT" -> onResult(f);
            case "STATUS" -> onStatus(f);
            case "END" -> onEnd(f);
            default -> stats.unknownTypes++;
        }
    }

    private void onHello(Hello h) {
        if (h.protocol() != FrameCodec.VERSION) {
            violation = "firmware protocol " + h.protocol() + " differs from host protocol " + FrameCodec.VERSION;
        } else if (!h.firmwareHash().equals(expect.firmwareHash())) {
            violation = "device runs firmware " + h.firmwareHash() + ", expected " + expect.firmwareHash()
                    + " (stale firmware: the load or flash did not take)";
        } else if (hello != null && !hello.equals(h)) {
            warnings.add("HELLO changed after reset: " + hello + " -> " + h);
        }
        hello = h;
    }

    private void onConfig(Frame f) {
        long batch = f.longField(0);
        int count = f.intField(1);
        int reps = f.intField(2);
        int warmup = f.intField(3);
        if (batch != expect.batchId() || count != expect.kernelCount() || reps != expect.reps()
                || warmup != expect.warmup()) {
            violation = "device runs batch " + batch + " (" + count + " kernels, " + reps + " reps, " + warmup
                    + " warm-up), expected batch " + expect.batchId() + " (" + expect.kernelCount() + ", "
                    + expect.reps() + ", " + expect.warmup() + ")";
        }
        configSeen = true;
    }

    private void onStart(Frame f) {
        if (open != null) {
            stats.abandoned++;
        }
        int k = kernelIndex(f, 0);
        open = new OpenKernel(k, f.seq(), expect.reps()); // START's L1/L2 is the plan; RESULT says what happened
    }

    private void onSample(Frame f) {
        int k = kernelIndex(f, 0);
        int rep = f.intField(1);
        long cycles = f.longField(2);
        if (open == null || open.index != k) {
            stats.orphans++;
            return;
        }
        if (rep < 0 || rep >= expect.reps() || open.cycles[rep] >= 0 || cycles < 0) {
            open.broken = true;
            return;
        }
        open.cycles[rep] = cycles;
    }

    private void onResult(Frame f) {
        int k = kernelIndex(f, 0);
        OpenKernel o = open;
        open = null;
        if (o == null || o.index != k) {
            stats.orphans++;
            return;
        }
        long min = f.longField(1);
        long med = f.longField(2);
        long max = f.longField(3);
        long checksum = f.hexField(4);
        boolean fromL2 = "L2".equals(f.field(5));
        boolean complete = !o.broken && f.seq() == o.startSeq + expect.reps() + 1
                && java.util.Arrays.stream(o.cycles).allMatch(c -> c >= 0);
        if (!complete) {
            stats.incomplete++;
            return;
        }
        if (min != FirmwareStats.min(o.cycles) || med != FirmwareStats.median(o.cycles)
                || max != FirmwareStats.max(o.cycles)) {
            stats.inconsistent++;
            return;
        }
        if (!accepted.add(k)) {
            stats.repeatedResults++;
            return;
        }
        kernelErrors.remove(k);
        sink.accept(new FrameMeasurement(k, o.cycles, min, med, max, checksum, fromL2));
    }

    private void onStatus(Frame f) {
        int k = f.intField(0);
        String what = f.field(1) + (f.fields().size() > 2 ? " " + String.join(" ", f.fields().subList(2, f.fields().size())) : "");
        if (k >= 0 && k < expect.kernelCount()) {
            if (open != null && open.index == k) {
                open = null;
            }
            if (!accepted.contains(k)) {
                kernelErrors.put(k, what);
            }
        } else {
            warnings.add(what);
        }
    }

    private void onEnd(Frame f) {
        if (f.longField(0) != expect.batchId()) {
            violation = "END of batch " + f.longField(0) + ", expected " + expect.batchId();
        }
        ended = true;
    }

    private int kernelIndex(Frame f, int field) {
        int k = f.intField(field);
        if (k < 0 || k >= expect.kernelCount()) {
            throw new FrameException(FrameError.MALFORMED, "kernel index " + k + " outside the batch: " + f.raw());
        }
        return k;
    }

    public Hello hello() {
        return hello;
    }

    public boolean configSeen() {
        return configSeen;
    }

    public boolean ended() {
        return ended;
    }

    /** A fatal mismatch (protocol version, stale firmware, wrong batch); null when none. */
    public String violation() {
        return violation;
    }

    /** The kernel started but not finished when the run stopped, or -1. */
    public int openKernel() {
        return open == null ? -1 : open.index;
    }

    public Set<Integer> accepted() {
        return Collections.unmodifiableSet(accepted);
    }

    /** Per-kernel errors the firmware reported in STATUS frames (e.g. L2_ALLOC). */
    public Map<Integer, String> kernelErrors() {
        return Collections.unmodifiableMap(kernelErrors);
    }

    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    public SessionStats stats() {
        return stats;
    }

    private static final class OpenKernel {
        final int index;
        final long startSeq;
        final long[] cycles;
        boolean broken;

        OpenKernel(int index, long startSeq, int reps) {
            this.index = index;
            this.startSeq = startSeq;
            this.cycles = new long[reps];
            java.util.Arrays.fill(cycles, -1);
        }
    }
}
