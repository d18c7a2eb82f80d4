package dev.edgenas.latency;

/**
 * Predicted latency of one kernel of a network.
 *
 * @param name      kernel name (first node's name) or its index in a key list
 * @param key       canonical kernel key
 * @param ms        the kernel's own latency (LatencyTable.netMs), or the estimate
 * @param estimated true when the key is missing from the table and the time was estimated
 * @param method    "table", or how the estimate was made (e.g. "ols:conv/k=3x3")
 */
public record KernelLatency(String name, String key, double ms, boolean estimated, String method) {
    KernelLatency named(String n) {
        return new KernelLatency(n, key, ms, estimated, method);
    }
}
