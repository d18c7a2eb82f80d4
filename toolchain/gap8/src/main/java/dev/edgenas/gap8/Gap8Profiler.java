package dev.edgenas.gap8;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.gap8.codegen.BatchPlanner;
import dev.edgenas.gap8.codegen.FirmwareSources;
import dev.edgenas.gap8.codegen.KernelPlan;
import dev.edgenas.gap8.codegen.KernelPlanner;
import dev.edgenas.gap8.codegen.UnsupportedKernelException;
import dev.edgenas.gap8.device.Gap8Commands;
import dev.edgenas.gap8.device.Gap8Timeouts;
import dev.edgenas.gap8.device.SerialLink;
import dev.edgenas.ir.KernelKey;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Hardware-in-the-loop kernel profiling on GAP8: generates a PMSIS firmware per batch of kernels,
 * builds it (GAP SDK, or host gcc for host-sim), runs it, reads the serial protocol and hands each
 * kernel's result to {@code onResult} as soon as it is complete, so callers can checkpoint.
 * Failed runs are retried with backoff, re-running only the kernels still missing; every kernel
 * is delivered at most once.
 */
public final class Gap8Profiler {
    /** Expected run time above which a batch is split, so hangs are caught early. */
    static final long MAX_BATCH_MS = 120_000;

    private Gap8Profiler() {
    }

    /**
     * Profiles int8 kernels. Duplicate keys are measured once. Kernels without an en_* kernel, not
     * int8 or too large for L2 are listed in the report's {@code unsupported}, not errors.
     *
     * @throws EdgenasException DEVICE_UNREACHABLE (no SDK, tools, port), DEVICE_ERROR (build error,
     *         boot failure, hang, line problem after retries), USAGE (bad options); results
     *         delivered before the failure stay delivered
     */
    public static Gap8RunReport run(List<KernelKey> kernels, Gap8Options o, Consumer<Gap8KernelResult> onResult) {
        return run(kernels, o, onResult, c -> {
        });
    }

    /**
     * As {@link #run(List, Gap8Options, Consumer)}, also handing over the UART bytes of every firmware
     * run (retries included), for a parser that decodes the frames itself.
     */
    public static Gap8RunReport run(List<KernelKey> kernels, Gap8Options o, Consumer<Gap8KernelResult> onResult,
                                    Consumer<Gap8Capture> onCapture) {
        validate(o);
        Map<String, String> unsupported = new LinkedHashMap<>();
        List<KernelPlan> plans = plan(kernels, o, unsupported);
        FirmwareSources src = FirmwareSources.bundled();
        Path runDir = o.workDir().toAbsolutePath()
                .resolve("run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
        List<String> commands = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Gap8KernelResult> results = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        List<List<KernelPlan>> batches = BatchPlanner.split(plans, o.maxKernelsPerBatch(),
                Gap8Timeouts.batchMs(MAX_BATCH_MS, o), p -> Gap8Timeouts.kernelMs(p, o));
        if (!o.dryRun()) {
            preflight(o);
        } else if (o.platform() != Gap8Platform.HOST_SIM && dev.edgenas.gap8.device.Gap8Sdk.locate(o) == null) {
            warnings.add("no GAP SDK given: commands show $GAP_SDK_HOME; a real run needs --sdk DIR or GAP_SDK_HOME");
        }
        for (int b = 0; b < batches.size(); b++) {
            BatchExecutor ex = new BatchExecutor(o, src, runDir.resolve("batch-" + b), commands, warnings, unsupported,
                    failed);
            if (o.dryRun()) {
                ex.dryRun(batches.get(b));
            } else {
                ex.execute(batches.get(b), r -> {
                    results.add(r);
                    onResult.accept(r);
                }, onCapture);
            }
        }
        if (!failed.isEmpty()) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, failed.size() + " GAP8 kernel(s) could not be measured ("
                    + results.size() + " were): " + failed);
        }
        return new Gap8RunReport(results, unsupported, commands, runDir, warnings);
    }

    static List<KernelPlan> plan(List<KernelKey> kernels, Gap8Options o, Map<String, String> unsupported) {
        List<KernelPlan> plans = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (KernelKey k : kernels) {
            if (!seen.add(k.canonical())) {
                continue;
            }
            try {
                KernelPlan p = KernelPlanner.plan(k);
                if (p.l2Bytes() > o.l2Budget()) {
                    throw new UnsupportedKernelException("working set " + p.l2Bytes() / 1024 + " KiB exceeds the "
                            + o.l2Budget() / 1024 + " KiB L2 budget; on GAP8 it needs tiling through HyperRAM");
                }
                plans.add(p);
            } catch (UnsupportedKernelException e) {
                unsupported.put(k.canonical(), e.getMessage());
            }
        }
        return plans;
    }

    private static void validate(Gap8Options o) {
        List<String> bad = new ArrayList<>();
        if (o.reps() < 1 || o.reps() > 1000) {
            bad.add("reps must be 1..1000, not " + o.reps());
        }
        if (o.warmup() < 0) {
            bad.add("warmup must be >= 0");
        }
        if (o.cores() < 1 || o.cores() > 8) {
            bad.add("cores must be 1..8 (the GAP8 cluster has 8)");
        }
        if (o.fcHz() <= 0 || o.fcHz() > 0xFFFFFFFFL || o.clHz() <= 0 || o.clHz() > 0xFFFFFFFFL) {
            bad.add("clocks must be positive and below 4.29 GHz");
        }
        if (o.baud() <= 0 || o.maxAttempts() < 1 || o.maxKernelsPerBatch() < 1 || o.timeoutScale() <= 0) {
            bad.add("baud, maxAttempts, maxKernelsPerBatch and timeoutScale must be positive");
        }
        if (o.platform() == Gap8Platform.HOST_SIM && o.simTty() != null && o.port() == null) {
            bad.add("host-sim with simTty needs port: the other end of the firmware's tty");
        }
        if (!bad.isEmpty()) {
            throw new EdgenasException(ExitCode.USAGE, "bad GAP8 options: " + String.join("; ", bad));
        }
    }

    private static void preflight(Gap8Options o) {
        switch (o.platform()) {
            case HOST_SIM -> Gap8Commands.requireHostTools(o.simTty() == null);
            case GVSOC -> {
                Gap8Commands.requireSdk(o);
                Gap8Commands.requireHostTools(false);
            }
            case BOARD -> {
                Gap8Commands.requireSdk(o);
                Gap8Commands.requireHostTools(false);
                SerialLink.open(o.port(), o.baud()).close(); // fail now, with advice, not after a build
            }
        }
    }
}
