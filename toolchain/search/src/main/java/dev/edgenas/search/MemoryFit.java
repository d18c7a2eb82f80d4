package dev.edgenas.search;

import dev.edgenas.gap8.memory.HierarchyPlan;

/**
 * A candidate's GAP8 memory plan under the search's {@code --memory-budget} (the same planner as deploy): what it
 * needs at each level and whether it fits.
 *
 * @param l1PeakBytes  the largest L1 working set of a layer's tiles
 * @param l2NeedBytes  activations kept in L2 + weight buffers + staging + code + reserve
 * @param l3RamBytes   HyperRAM: weights + spilled activations
 * @param fits         every level fits the budget
 * @param miss         the first level that does not fit, or null
 */
public record MemoryFit(long l1PeakBytes, long l2NeedBytes, long l3RamBytes, boolean fits, String miss) {
    static MemoryFit of(HierarchyPlan p) {
        return new MemoryFit(p.l1PeakBytes(), p.l2NeedBytes(), p.l3RamNeedBytes(), p.fits(), p.firstMiss());
    }
}
