package dev.edgenas.deploy.gap8;

import dev.edgenas.gap8.memory.HierarchyPlan;

/**
 * Where the network lives on GAP8 (written as memory-plan.json and summarised in MEMORY.md). The deployment
 * follows {@code hierarchy}, the tiled L1/L2/L3 plan; the all-in-L2 figures say what keeping every weight and
 * activation in L2 would need.
 *
 * @param l2Bytes            L2 size (512 KB)
 * @param l1Bytes            cluster L1 size (64 KB)
 * @param l1UsableBytes      L1 left for data after the cluster stacks (master 2 KB + 7 x 1 KB) and 1 KB of runtime
 * @param weightBytes        constant parameters: int8 weights, int32 bias and multipliers, shifts
 * @param activationBytesNoReuse every activation in its own buffer
 * @param arenaBytes         all activations in one L2 arena with buffer reuse
 * @param peakLiveBytes      the largest sum of simultaneously live activations (lower bound of any arena)
 * @param codeBytes          code and small data of the firmware (measured from the rv32imc objects when built, else an estimate)
 * @param l2ReserveBytes     L2 kept for the PMSIS runtime, FC stack, UART and flash buffers
 * @param l2NeededBytes      all in L2: weights + arena + code + reserve
 * @param fitsL2             whether everything would fit L2
 * @param hierarchy          the tiled deployment: weights in HyperFlash/HyperRAM streamed per channel block, activations
 *                           tiled through L1, spills to HyperRAM; what proves the fit and what the project follows
 */
public record MemoryPlan(long l2Bytes, long l1Bytes, long l1UsableBytes, long weightBytes, long activationBytesNoReuse,
                         long arenaBytes, long peakLiveBytes, long codeBytes, boolean codeMeasured, long l2ReserveBytes,
                         long l2NeededBytes, boolean fitsL2, HierarchyPlan hierarchy) {

    /** A few lines for people: what fits where, level by level (the tiled plan), and the all-in-L2 figure. */
    public String summary() {
        return hierarchy.summary() + System.lineSeparator() + String.format(
                "(everything in L2 instead: %s of %s)", kb(l2NeededBytes), kb(l2Bytes));
    }

    /** The tiled deployment fits every level. */
    public boolean fits() {
        return hierarchy.fits();
    }

    static String kb(long bytes) {
        return String.format("%.1f KB", bytes / 1024.0);
    }
}
