package dev.edgenas.android;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One agent run on a phone: pushes agent, ORT and models, runs the agent pinned with taskset over the kernel
 * list, and keeps what it printed. Within the run it rides out what a phone does: vanishing (reconnect, push
 * again, back off), the agent dying (started again on the kernels still pending; an error when it dies without
 * progress), throttling (wait for status 0, measure again). Rounds, interleaving and checkpoints belong to the
 * shared loop (TableProfiler), which asks for one such run per round. The phone's folder is removed at the
 * end, whatever happened.
 */
public final class AndroidKernelRunner {
    private final AdbClient adb;
    private final String serial;
    private final OrtAndroidLibraries ort;
    private final AcceptedLines accepted = new AcceptedLines();
    private final Consumer<String> progress;

    /** @param ort ORT from the onnxruntime-android AAR; null is allowed only for the simulator */
    public AndroidKernelRunner(AdbClient adb, String serial, OrtAndroidLibraries ort, Consumer<String> progress) {
        this.adb = adb;
        this.serial = serial;
        this.ort = ort;
        this.progress = progress;
    }

    public AndroidProfileResult run(List<KernelJob> kernels, RunSettings s) {
        validateKeys(kernels);
        AndroidDeviceFacts facts = AndroidDeviceFacts.read(adb, serial);
        if (ort == null && !facts.simulated()) {
            throw OrtAndroidLibraries.missingAar(facts);
        }
        if (ort != null && !ort.abi().equals(facts.abi())) {
            throw new EdgenasException(ExitCode.USAGE, "--ort-aar libraries are for " + ort.abi() + " but "
                    + serial + " is " + facts.abi());
        }
        long mask = s.cores().mask(facts);
        Path temp = tempDir();
        DeviceWorkspace ws = new DeviceWorkspace(adb, serial, temp, ort);
        try {
            ws.stage(kernels);
            RoundExecutor rounds = new RoundExecutor(ws, facts, mask, s);
            rounds.run(kernels);
            return result(facts, mask, s, kernels, rounds.rejections.clockRejected());
        } finally {
            ws.removeFromDevice();
            deleteTree(temp);
        }
    }

    private AndroidProfileResult result(AndroidDeviceFacts facts, long mask, RunSettings s, List<KernelJob> kernels,
                                        int clockRejected) {
        Map<String, AgentMeasurement> measured = new LinkedHashMap<>();
        ClockStats clocks = new ClockStats(0, 0, clockRejected, 0, 1.0);
        AgentOutput out = accepted.parsed("agent output of " + serial);
        for (KernelJob k : kernels) {
            KernelSample sample = out.kernels().get(k.key());
            if (sample != null) {
                measured.put(k.key(), AgentMeasurement.of(k.key(), List.of(sample)));
                clocks = clocks.plus(ClockStats.kept(ClockReading.of(sample, out.cpuOrder(), facts, mask)));
            }
        }
        return new AndroidProfileResult(facts, mask, s, measured, out.errors(), out.header(), clocks, accepted.lines());
    }

    /** Runs the agent until every kernel is finished or a limit is hit. */
    private final class RoundExecutor {
        private final DeviceWorkspace ws;
        private final long mask;
        private final RunSettings s;
        private final ThermalGate thermal;
        private final RoundRejections rejections;
        private boolean pushed;
        private int attempt;

        RoundExecutor(DeviceWorkspace ws, AndroidDeviceFacts facts, long mask, RunSettings s) {
            this.ws = ws;
            this.mask = mask;
            this.rejections = new RoundRejections(facts, mask, s, progress);
            this.s = s;
            this.thermal = new ThermalGate(adb, serial);
        }

        void run(List<KernelJob> kernels) {
            int unreachable = 0;
            while (true) {
                Set<String> pending = new LinkedHashSet<>(kernels.stream().map(KernelJob::key).toList());
                pending.removeAll(accepted.parsed("agent output").finishedKeys());
                if (pending.isEmpty()) {
                    return;
                }
                try {
                    attempt(new ArrayList<>(pending));
                    unreachable = 0;
                } catch (EdgenasException e) {
                    if (e.exitCode() != ExitCode.DEVICE_UNREACHABLE) {
                        throw e;
                    }
                    if (++unreachable >= s.maxAttempts()) {
                        throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, e.getMessage() + " (gave up after "
                                + unreachable + " attempts" + RESUME_HINT + ")", e);
                    }
                    progress.accept("phone unreachable, retrying: " + e.getMessage());
                    backoff(unreachable);
                    reconnect();
                    pushed = false;
                }
            }
        }

        /** One agent run over the pending kernels; throws when the agent cannot go on. */
        private void attempt(List<String> pending) {
            if (!pushed) {
                ws.push();
                pushed = true;
            }
            thermal.awaitCool(s.thermalWaitMax(), s.thermalPoll(), RESUME_HINT);
            String name = "run-" + (++attempt);
            String list = ws.pushList(name + ".txt", pending);
            String out = DeviceWorkspace.ROOT + "/out/" + name + ".jsonl";
            progress.accept("agent run " + attempt + ": " + pending.size() + " kernels on " + serial);
            ShellResult r = adb.shell(serial, AgentCommand.build(DeviceWorkspace.ROOT, ws.hasOrt(), mask, list, out, s),
                    s.runTimeout());
            String pulled = ws.pullText(out, name + ".jsonl");
            AgentOutput fresh = AgentOutputParser.parse(pulled, out, 1);
            if (fresh.fatal() != null) {
                throw new EdgenasException(ExitCode.DEVICE_ERROR, "the agent on " + serial + " cannot use ONNX Runtime: "
                        + fresh.fatal());
            }
            List<Integer> cpuOrder = fresh.cpuOrder();
            int finished = accepted.merge(pulled, k -> rejections.reason(k, cpuOrder) == null);
            rejections.record(fresh, serial, RESUME_HINT);
            boolean agentOk = (r.exitCode() == 0 || r.exitCode() == 3) && fresh.done();
            if (agentOk || finished > 0) {
                noProgress = 0;
            } else {
                failWithoutProgress(r);
            }
        }

        private int noProgress;

        private void failWithoutProgress(ShellResult r) {
            if (++noProgress >= s.maxAttempts()) {
                throw new EdgenasException(ExitCode.DEVICE_ERROR, "agent failed on " + serial + " (exit " + r.exitCode()
                        + "): " + r.tail(3) + RESUME_HINT);
            }
            progress.accept("agent failed (exit " + r.exitCode() + "), retrying: " + r.tail(1));
            backoff(noProgress);
        }

        private void backoff(int n) {
            AdbClient.sleep(s.backoff().toMillis() << Math.min(n - 1, 6));
        }

        private void reconnect() {
            if (serial.matches(".+:\\d+")) {
                try {
                    adb.connect(serial);
                } catch (EdgenasException ignored) {
                    // still gone; the next attempt reports it
                }
            }
        }
    }

    /** The table's checkpoint holds what earlier rounds measured: a rerun of the profile resumes from it. */
    private static final String RESUME_HINT = "; the table keeps what earlier rounds measured, rerun to resume";

    private static void validateKeys(List<KernelJob> kernels) {
        Set<String> seen = new LinkedHashSet<>();
        for (KernelJob k : kernels) {
            if (k.key().isEmpty() || k.key().contains("\t") || k.key().contains("\n") || k.key().contains("\r")) {
                throw new EdgenasException(ExitCode.BAD_INPUT, "kernel key '" + k.key()
                        + "' is empty or holds a tab or line break (the agent's list format cannot carry it)");
            }
            if (!seen.add(k.key())) {
                throw new EdgenasException(ExitCode.BAD_INPUT, "kernel key '" + k.key() + "' is listed twice");
            }
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("edgenas-android-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files only
        }
    }
}
