package dev.edgenas.runtime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * The ONNX Runtime session settings shared by evaluation, CPU profiling and deployment checks, so
 * that a latency table is measured with the options the deployed model runs with.
 *
 * @param threads intra-op threads (one inter-op thread: edgenas graphs are sequential chains)
 * @param optLevel graph optimisation level: ALL_OPT (default), EXTENDED_OPT, BASIC_OPT, NO_OPT
 */
public record OrtSettings(int threads, String optLevel) {
    public static OrtSettings defaults() {
        return new OrtSettings(Runtime.getRuntime().availableProcessors(), "ALL_OPT");
    }

    public static OrtSettings withThreads(int threads) {
        return new OrtSettings(threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads, "ALL_OPT");
    }

    /** Whether ORT's intra-op workers spin while waiting (EDGENAS_ORT_SPIN=1; default off). */
    public static boolean spin() {
        return "1".equals(System.getenv("EDGENAS_ORT_SPIN"));
    }

    /** A session's options: every ORT session edgenas makes (evaluation, scoring, timing, checks) starts here. */
    public OrtSession.SessionOptions sessionOptions() throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setInterOpNumThreads(1);
        o.setIntraOpNumThreads(threads);
        o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.valueOf(optLevel));
        o.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        // ORT's intra-op workers spin between parallel sections by default. On a shared machine (the 2-core VMs
        // edgenas is built on run at load 5-20) a spinning worker burns the time slice its sibling needs: at
        // load 22, 2-thread eval fell to 25 images/s with spinning and PyTorch (OpenMP passive) did 61. Sleeping
        // workers cost a wake-up per parallel op on an idle machine; EDGENAS_ORT_SPIN=1 restores spinning.
        o.addConfigEntry("session.intra_op.allow_spinning", spin() ? "1" : "0");
        return o;
    }
}
