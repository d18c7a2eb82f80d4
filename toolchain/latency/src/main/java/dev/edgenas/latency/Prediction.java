package dev.edgenas.latency;

import java.util.List;

/**
 * Predicted end-to-end latency of a network.
 *
 * @param totalMs        overhead + sum of the kernels' net latencies
 * @param overheadMs     per-run overhead counted once
 * @param perKernel      kernels in execution order
 * @param estimatedCount kernels whose key the table lacks (estimated by regression, never silent)
 * @param calibratedMs   the table's whole-network calibration applied to this kernel sum, or null (not calibrated)
 */
public record Prediction(double totalMs, double overheadMs, List<KernelLatency> perKernel, int estimatedCount,
                         Double calibratedMs) {
    /** The prediction to use: calibrated where the table has a calibration, the raw kernel sum otherwise. */
    public double ms() {
        return calibratedMs != null ? calibratedMs : totalMs;
    }
}
