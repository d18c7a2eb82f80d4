package dev.edgenas.gap8;

import dev.edgenas.ir.KernelKey;

/**
 * One kernel's measurement on GAP8 (or host-sim): cluster cycles of every timed repetition and
 * their summary, at the clocks the device reported.
 *
 * @param checksumOk true when the output checksum equals the host's single-core reference run of
 *                   the same C source (catches multi-core split, DMA and memory-placement errors)
 * @param fcHz       fabric-controller clock read back by the device
 * @param clHz       cluster clock read back by the device (cycles convert to time at this clock)
 * @param platform   "board", "gvsoc" or "host-sim"; host-sim cycles are host time, not GAP8 latency
 * @param fromL2     true when the kernel's tensors did not fit cluster L1 and were used from L2
 */
public record Gap8KernelResult(KernelKey key, long[] cycles, long minCycles, long medianCycles, long maxCycles,
                               boolean checksumOk, double fcHz, double clHz, String platform, boolean fromL2) {

    public Gap8KernelResult {
        cycles = cycles.clone();
    }

    @Override
    public long[] cycles() {
        return cycles.clone();
    }

    public double minMs() {
        return minCycles * 1000.0 / clHz;
    }

    public double medianMs() {
        return medianCycles * 1000.0 / clHz;
    }

    public double maxMs() {
        return maxCycles * 1000.0 / clHz;
    }

    /** Every repetition in milliseconds at the cluster clock. */
    public double[] samplesMs() {
        double[] ms = new double[cycles.length];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = cycles[i] * 1000.0 / clHz;
        }
        return ms;
    }

    /** True only for measurements taken on GAP8 itself or its simulator. */
    public boolean isGap8Latency() {
        return !Gap8Platform.HOST_SIM.id().equals(platform);
    }
}
