package dev.edgenas.gap8;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.gap8.codegen.BatchSpec;
import dev.edgenas.gap8.codegen.FirmwareProject;
import dev.edgenas.gap8.codegen.FirmwareSources;
import dev.edgenas.gap8.codegen.KernelPlan;
import dev.edgenas.gap8.device.BatchAttempt;
import dev.edgenas.gap8.device.Commands;
import dev.edgenas.gap8.device.Gap8Commands;
import dev.edgenas.gap8.device.Gap8Failure;
import dev.edgenas.gap8.device.Gap8Timeouts;
import dev.edgenas.gap8.device.ReferenceRun;
import dev.edgenas.gap8.device.RunningProcess;
import dev.edgenas.gap8.device.SocatPair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs one batch to completion: generate, build, reference checksums, then attempts with
 * backoff, each re-running only the kernels still missing, until all are measured or the
 * failures are judged permanent.
 */
final class BatchExecutor {
    private record Built(Path project, Path binary, Map<Integer, Long> checksums) {
    }

    private final Gap8Options o;
    private final FirmwareSources src;
    private final Path dir;
    private final List<String> commands;
    private final List<String> warnings;
    private final Map<String, String> unsupported;
    private final Map<String, String> failed;

    BatchExecutor(Gap8Options o, FirmwareSources src, Path dir, List<String> commands, List<String> warnings,
                  Map<String, String> unsupported, Map<String, String> failed) {
        this.o = o;
        this.src = src;
        this.dir = dir;
        this.commands = commands;
        this.warnings = warnings;
        this.unsupported = unsupported;
        this.failed = failed;
    }

    BatchSpec spec(List<KernelPlan> kernels) {
        return new BatchSpec(BatchSpec.idOf(kernels, o.reps(), o.warmup(), o.fcHz(), o.clHz(), o.cores()), kernels,
                o.reps(), o.warmup(), o.fcHz(), o.clHz(), o.cores(), o.baud(), src.hash(), o.l1Budget());
    }

    /** Writes the project and lists what a real run would execute. */
    void dryRun(List<KernelPlan> kernels) {
        BatchSpec spec = spec(kernels);
        Path project = dir.resolve("project");
        FirmwareProject.write(project, spec, src, o.boardConfigScript());
        List<String> srcs = FirmwareProject.firmwareSources(src);
        Map<String, String> none = Map.of();
        Path ref = dir.resolve("firmware-ref");
        if (o.platform() == Gap8Platform.HOST_SIM) {
            commands.add(Commands.shellLine(none, Gap8Commands.hostBuild(project, srcs, false, dir.resolve("firmware"))));
        } else {
            commands.add(Commands.shellLine(none, Gap8Commands.sdkBuild(project, o)));
        }
        commands.add(Commands.shellLine(none, Gap8Commands.hostBuild(project, srcs, true, ref)));
        commands.add(Commands.shellLine(Map.of("EN_UART_TTY", dir.resolve("reference.frames").toString(),
                "EN_SIM_CORES", "1", "EN_SIM_UNPACED", "1"), List.of(ref.toString())));
        if (o.platform() == Gap8Platform.HOST_SIM) {
            Path tty = o.simTty() == null ? dir.resolve("uart-dev") : o.simTty();
            if (o.simTty() == null) {
                commands.add(Commands.shellLine(none, SocatPair.command(tty, dir.resolve("uart-host"))));
            }
            commands.add(Commands.shellLine(Map.of("EN_UART_TTY", tty.toString()), List.of(dir.resolve("firmware").toString())));
        } else {
            commands.add(Commands.shellLine(none, Gap8Commands.sdkRun(project, o)));
        }
    }

    /**
     * @param deliver each kernel's result, decoded live (the retries need to know what is missing)
     * @param capture each attempt's UART bytes, after that attempt's results were delivered
     */
    void execute(List<KernelPlan> kernels, Consumer<Gap8KernelResult> deliver, Consumer<Gap8Capture> capture) {
        List<KernelPlan> pending = new ArrayList<>(kernels);
        Map<String, Integer> hangs = new HashMap<>();
        Map<Long, Built> builds = new HashMap<>();
        int attempt = 0;
        int fruitless = 0;
        while (!pending.isEmpty()) {
            attempt++;
            BatchSpec spec = spec(pending);
            Path adir = dir.resolve("attempt-" + attempt);
            Built built = builds.get(spec.batchId()); // a retry of the same kernels reuses the build
            if (built == null) {
                Path project = adir.resolve("project");
                FirmwareProject.write(project, spec, src, o.boardConfigScript());
                built = new Built(project, build(spec, project, adir), reference(spec, project, adir));
                builds.put(spec.batchId(), built);
            }
            Path project = built.project();
            Path binary = built.binary();
            Map<Integer, Long> ref = built.checksums();
            List<KernelPlan> measured = new ArrayList<>();
            BatchAttempt run = new BatchAttempt(spec, o, adir);
            BatchAttempt.Outcome out = run.run(project, binary, (m, hello) -> {
                KernelPlan p = spec.kernels().get(m.index());
                Long expected = ref.get(m.index());
                measured.add(p);
                deliver.accept(new Gap8KernelResult(p.key(), m.cycles(), m.minCycles(), m.medianCycles(), m.maxCycles(),
                        expected != null && expected == m.checksum(), hello.fcHz(), hello.clHz(), hello.platform(),
                        m.fromL2()));
            }, commands::add);
            capture.accept(new Gap8Capture(spec.batchId(), spec.kernels().stream().map(KernelPlan::key).toList(),
                    spec.reps(), spec.warmup(), spec.firmwareHash(), run.uart()));
            pending.removeAll(measured);
            out.session().kernelErrors().forEach((i, why) -> {
                KernelPlan p = spec.kernels().get(i);
                unsupported.put(p.key().canonical(), "the device could not run it: " + why);
                pending.remove(p);
            });
            out.session().warnings().forEach(w -> warnings.add("device: " + w));
            if (out.ok() || pending.isEmpty()) {
                continue;
            }
            String what = out.failure().label() + ": " + out.detail() + " (logs: " + adir + ")";
            if (!out.failure().retryable()) {
                throw new EdgenasException(out.failure().exitCode(), "GAP8 " + what);
            }
            int open = out.session().openKernel();
            if (out.failure() == Gap8Failure.HANG && open >= 0) {
                KernelPlan p = spec.kernels().get(open);
                if (hangs.merge(p.key().canonical(), 1, Integer::sum) >= 2) {
                    failed.put(p.key().canonical(), "hangs on the device in two runs (logs: " + adir + ")");
                    pending.remove(p);
                }
            }
            fruitless = measured.isEmpty() ? fruitless + 1 : 0;
            if (fruitless >= o.maxAttempts() || attempt >= 4 * o.maxAttempts()) {
                throw new EdgenasException(out.failure().exitCode(), "GAP8 batch gave up after " + attempt
                        + " attempts, " + pending.size() + " of " + kernels.size() + " kernels unmeasured; last: " + what);
            }
            long wait = o.backoff().toMillis() << Math.max(0, fruitless - 1);
            warnings.add("attempt " + attempt + " of " + dir.getFileName() + ": " + what + "; retrying "
                    + pending.size() + " kernel(s) in " + wait + " ms");
            sleep(wait);
        }
    }

    private Path build(BatchSpec spec, Path project, Path adir) {
        List<String> cmd;
        Path binary = adir.resolve("firmware");
        if (o.platform() == Gap8Platform.HOST_SIM) {
            cmd = Gap8Commands.hostBuild(project, FirmwareProject.firmwareSources(src), false, binary);
        } else {
            cmd = Gap8Commands.sdkBuild(project, o);
        }
        runOrFail(cmd, project, adir.resolve("build.log"), "firmware build");
        return binary;
    }

    private Map<Integer, Long> reference(BatchSpec spec, Path project, Path adir) {
        Path ref = adir.resolve("firmware-ref");
        runOrFail(Gap8Commands.hostBuild(project, FirmwareProject.firmwareSources(src), true, ref), project,
                adir.resolve("reference-build.log"), "reference build");
        long timeout = spec.kernels().stream().mapToLong(k -> Gap8Timeouts.kernelMs(k, o)).sum() + 10_000;
        Map<Integer, Long> sums = ReferenceRun.checksums(spec, ref, adir, timeout);
        if (sums.size() < spec.kernels().size()) {
            warnings.add("reference run produced " + sums.size() + " of " + spec.kernels().size()
                    + " checksums; the others are reported checksumOk=false");
        }
        return sums;
    }

    private void runOrFail(List<String> cmd, Path cwd, Path log, String what) {
        commands.add(Commands.shellLine(Map.of(), cmd));
        int rc = RunningProcess.run(cmd, cwd, Map.of(), log, Gap8Timeouts.buildMs(o));
        if (rc != 0) {
            String tail = "";
            try {
                List<String> lines = java.nio.file.Files.readAllLines(log);
                tail = String.join(" | ", lines.subList(Math.max(1, lines.size() - 4), lines.size()));
            } catch (java.io.IOException | RuntimeException e) {
                // the log is only a courtesy in the message
            }
            throw new EdgenasException(ExitCode.DEVICE_ERROR, "GAP8 " + Gap8Failure.BUILD.label() + ": " + what
                    + " failed (exit " + rc + "); see " + log + (tail.isEmpty() ? "" : ": " + tail));
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EdgenasException(ExitCode.INTERRUPTED, "interrupted while waiting to retry a GAP8 batch");
        }
    }
}
