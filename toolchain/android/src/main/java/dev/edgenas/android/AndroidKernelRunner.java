package dev.edgenas.android;

import dev.edgenas.agent.android.AgentMain;
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
 * Profiles single-kernel models on a phone: pushes agent, ORT and models, runs the agent pinned
 * with taskset in interleaved rounds, pulls and checkpoints results after every agent run, and
 * retries: the phone vanishing (reconnect, push again, back off), the agent dying (resume the
 * rest; an error when it dies without progress), throttling (wait for status 0, measure again).
 * The phone's folder is removed at the end, whatever happened.
 */
public final class AndroidKernelRunner {
    private final AdbClient adb;
    private final String serial;
    private final OrtAndroidLibraries ort;
    private final RunCheckpoint checkpoint;
    private final Consumer<String> progress;

    /**
     * @param ort           ORT from the onnxruntime-android AAR; null is allowed only for the simulator
     * @param checkpointDir host folder that keeps partial results; rerunning with it resumes
     */
    public AndroidKernelRunner(AdbClient adb, String serial, OrtAndroidLibraries ort, Path checkpointDir,
                               Consumer<String> progress) {
        this.adb = adb;
        this.serial = serial;
        this.ort = ort;
        this.checkpoint = new RunCheckpoint(checkpointDir);
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
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("serial", serial);
        identity.put("model", facts.model());
        identity.put("mask", Long.toHexString(mask));
        identity.put("threads", s.threads());
        identity.put("reps", s.warmup() + "/" + s.minReps() + "/" + s.maxReps() + "/" + s.maxSeconds());
        identity.put("agentVersion", AgentMain.VERSION);
        identity.put("ep", s.ep());
        identity.put("clockCheck", s.clockCheck().id());
        checkpoint.bind(identity);
        Path temp = tempDir();
        DeviceWorkspace ws = new DeviceWorkspace(adb, serial, temp, ort);
        try {
            ws.stage(kernels);
            RoundExecutor rounds = new RoundExecutor(ws, facts, mask, s);
            for (int r = 1; r <= s.rounds(); r++) {
                if (r > 1 && !s.cooldown().isZero()) {
                    AdbClient.sleep(s.cooldown().toMillis());
                }
                rounds.run(r, kernels);
            }
            return result(facts, mask, s, kernels, rounds.rejections.clockRejected());
        } finally {
            ws.removeFromDevice();
            deleteTree(temp);
        }
    }

    private AndroidProfileResult result(AndroidDeviceFacts facts, long mask, RunSettings s, List<KernelJob> kernels,
                                        int clockRejected) {
        Map<String, List<KernelSample>> perKernel = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        com.fasterxml.jackson.databind.JsonNode header = null;
        ClockStats clocks = new ClockStats(0, 0, clockRejected, 0, 1.0);
        for (int r = 1; r <= s.rounds(); r++) {
            AgentOutput out = checkpoint.load(r);
            header = out.header() != null ? out.header() : header;
            failures.putAll(out.errors());
            for (KernelJob k : kernels) {
                KernelSample sample = out.kernels().get(k.key());
                if (sample != null) {
                    perKernel.computeIfAbsent(k.key(), x -> new ArrayList<>()).add(sample);
                    clocks = clocks.plus(ClockStats.kept(ClockReading.of(sample, out.cpuOrder(), facts, mask)));
                }
            }
        }
        Map<String, AgentMeasurement> measured = new LinkedHashMap<>();
        perKernel.forEach((k, v) -> measured.put(k, AgentMeasurement.of(k, v)));
        return new AndroidProfileResult(facts, mask, s, measured, failures, header, clocks);
    }

    /** One round: runs the agent until every kernel of the round is finished or a limit is hit. */
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

        void run(int round, List<KernelJob> kernels) {
            int unreachable = 0;
            while (true) {
                Set<String> pending = new LinkedHashSet<>(kernels.stream().map(KernelJob::key).toList());
                pending.removeAll(checkpoint.load(round).finishedKeys());
                if (pending.isEmpty()) {
                    return;
                }
                try {
                    attempt(round, new ArrayList<>(pending));
                    unreachable = 0;
                } catch (EdgenasException e) {
                    if (e.exitCode() != ExitCode.DEVICE_UNREACHABLE) {
                        throw e;
                    }
                    if (++unreachable >= s.maxAttempts()) {
                        throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, e.getMessage() + " (gave up after "
                                + unreachable + " attempts" + resumeHint() + ")", e);
                    }
                    progress.accept("phone unreachable, retrying: " + e.getMessage());
                    backoff(unreachable);
                    reconnect();
                    pushed = false;
                }
            }
        }

        /** One agent run over the pending kernels; throws when the agent cannot go on. */
        private void attempt(int round, List<String> pending) {
            if (!pushed) {
                ws.push();
                pushed = true;
            }
            thermal.awaitCool(s.thermalWaitMax(), s.thermalPoll(), resumeHint());
            String name = "round-" + round + "-" + (++attempt);
            String list = ws.pushList(name + ".txt", pending);
            String out = DeviceWorkspace.ROOT + "/out/" + name + ".jsonl";
            progress.accept("round " + round + ": " + pending.size() + " kernels on " + serial);
            ShellResult r = adb.shell(serial, AgentCommand.build(DeviceWorkspace.ROOT, ws.hasOrt(), mask, list, out, s),
                    s.runTimeout());
            String pulled = ws.pullText(out, name + ".jsonl");
            AgentOutput fresh = AgentOutputParser.parse(pulled, out, round);
            if (fresh.fatal() != null) {
                throw new EdgenasException(ExitCode.DEVICE_ERROR, "the agent on " + serial + " cannot use ONNX Runtime: "
                        + fresh.fatal());
            }
            List<Integer> cpuOrder = fresh.cpuOrder();
            int finished = checkpoint.merge(round, pulled, k -> rejections.reason(k, cpuOrder) == null);
            rejections.record(fresh, serial, resumeHint());
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
                        + "): " + r.tail(3) + resumeHint());
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

    private String resumeHint() {
        return "; partial results are kept in " + checkpoint.dir() + ", rerun to resume";
    }

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
