package dev.edgenas.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;

/**
 * The process-wide ONNX Runtime environment. Every session in edgenas (evaluation, search scoring, profiling,
 * deployment checks) is a raw ORT session made with {@link OrtSettings}, so there is one environment and no
 * engine that must start first; warnings only (ORT's info log repeats itself for every candidate).
 */
public final class OrtEnv {
    private OrtEnv() {
    }

    public static synchronized OrtEnvironment get() {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "edgenas");
    }
}
