package dev.edgenas.ir;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.List;

/**
 * One fused unit of execution found by {@link KernelDetector}: the nodes it covers, its canonical
 * key and its cost. {@code bytes} is what the kernel moves: data inputs + output + weights, at
 * their element sizes (used by the latency regression for keys missing from a table).
 */
public record Kernel(String name, KernelKey key, List<NodeProto> nodes, String outputTensor,
                     long macs, long elementOps, long params, long bytes) {
}
