package dev.edgenas.runtime;

import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;

/**
 * The process-wide ONNX Runtime environment. DJL's ONNX Runtime engine (used by evaluation) creates
 * the environment with its own thread options and fails if a plain one exists already, so the engine
 * is started first and raw sessions share its environment.
 */
public final class OrtEnv {
    private OrtEnv() {
    }

    public static synchronized OrtEnvironment get() {
        DjlSetup.offline();
        Engine.getEngine("OnnxRuntime");
        return OrtEnvironment.getEnvironment();
    }
}
