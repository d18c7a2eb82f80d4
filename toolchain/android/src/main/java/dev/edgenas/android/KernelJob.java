package dev.edgenas.android;

import java.nio.file.Path;

/** One kernel to profile: the key the latency table files it under, and its single-kernel ONNX model. */
public record KernelJob(String key, Path onnxFile) {
}
