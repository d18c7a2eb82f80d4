package dev.edgenas.gap8.protocol;

/**
 * One kernel's complete, consistent measurement from a batch: every repetition's cycle count,
 * the device's summary (checked against the samples) and the output checksum.
 *
 * @param index    the kernel's position in the batch
 * @param cycles   cluster cycles of each timed repetition, in repetition order
 * @param checksum FNV-1a 32-bit of the output tensor after the last repetition
 * @param fromL2   true when the tensors stayed in L2 (working set larger than L1, or L1 full)
 */
public record FrameMeasurement(int index, long[] cycles, long minCycles, long medianCycles,
                                long maxCycles, long checksum, boolean fromL2) {

    public FrameMeasurement {
        cycles = cycles.clone();
    }

    @Override
    public long[] cycles() {
        return cycles.clone();
    }
}
