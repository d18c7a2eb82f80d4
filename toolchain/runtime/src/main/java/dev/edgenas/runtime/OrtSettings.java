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

    /** A session's options: every ORT session edgenas makes (evaluation, scoring, timing, checks) starts here. */
    public OrtSession.SessionOptions sessionOptions() throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setInterOpNumThreads(1);
        o.setIntraOpNumThreads(threads);
        o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.valueOf(optLevel));
        o.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
        return o;
    }
}
