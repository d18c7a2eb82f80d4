package dev.edgenas.gap8.memory;

import java.util.List;
import java.util.Map;

/**
 * Where a network lives on GAP8, level by level, and whether each level holds what it must.
 *
 * <ul>
 *   <li>L3: every weight in HyperFlash (the flash image's weights file) and in HyperRAM (copied at boot),
 *       plus the activations spilled from L2.</li>
 *   <li>L2: the activations kept there (an arena with buffer reuse, {@code l2Offsets}), two weight buffers
 *       (the next layer's or channel block's weights stream in from HyperRAM while the current one runs),
 *       a staging buffer for tiles of spilled activations, code and the runtime reserve.</li>
 *   <li>L1: per layer, its tiles (double-buffered input and output, weight chunk, kernel scratch).</li>
 * </ul>
 *
 * @param weightBufferBytes both L2 weight buffers together
 * @param stagingBytes      the L2 staging buffer for tiles of spilled tensors (0 when nothing spills)
 * @param spilled           activations kept in HyperRAM instead of L2, in first-appearance order
 * @param l2NeedBytes       arena + weight buffers + staging + code + reserve
 * @param l3RamNeedBytes    weights + spilled activations
 */
public record HierarchyPlan(MemBudget budget, List<TilePlan> tiles, long l1PeakBytes, boolean fitsL1,
                            long weightBytes, long weightBufferBytes, long arenaBytes, long peakLiveBytes,
                            Map<String, Long> l2Offsets, List<String> spilled, long spilledBytes, long stagingBytes,
                            long l2NeedBytes, boolean fitsL2, long l3RamNeedBytes, long flashNeedBytes,
                            boolean fitsL3) {
    public HierarchyPlan {
        tiles = List.copyOf(tiles);
        spilled = List.copyOf(spilled);
    }

    /** Every level holds what it must. */
    public boolean fits() {
        return fitsL1 && fitsL2 && fitsL3;
    }

    /** The first level that does not fit, or null. */
    public String firstMiss() {
        if (!fitsL1) {
            TilePlan t = tiles.stream().filter(p -> !p.fits()).findFirst().orElseThrow();
            return "L1 (layer " + t.layer() + " needs " + kb(t.l1Bytes()) + " in its smallest tile, " + kb(budget.l1Usable())
                    + " usable)";
        }
        if (!fitsL2) {
            return "L2 (" + kb(l2NeedBytes) + " of " + kb(budget.l2Bytes()) + " even with spills)";
        }
        if (!fitsL3) {
            return "L3 (" + kb(l3RamNeedBytes) + " HyperRAM of " + kb(budget.l3RamBytes()) + ", " + kb(flashNeedBytes)
                    + " flash of " + kb(budget.flashBytes()) + ")";
        }
        return null;
    }

    public long tileCount() {
        return tiles.stream().mapToLong(TilePlan::tiles).sum();
    }

    /** Three lines for people, one per level. */
    public String summary() {
        return String.format("L3: weights %s in HyperFlash and HyperRAM, %d activations spilled (%s); HyperRAM %s of %s: %s%n"
                        + "L2: activations %s (peak live %s) + weight buffers 2 x %s + staging %s + code %s + reserve %s = %s of %s: %s%n"
                        + "L1: %d tiles over %d layers, largest working set %s of %s usable: %s",
                kb(weightBytes), spilled.size(), kb(spilledBytes), kb(l3RamNeedBytes), kb(budget.l3RamBytes()),
                fitsL3 ? "fits" : "does NOT fit",
                kb(arenaBytes), kb(peakLiveBytes), kb(weightBufferBytes / 2), kb(stagingBytes), kb(budget.codeBytes()),
                kb(budget.l2Reserve()), kb(l2NeedBytes), kb(budget.l2Bytes()), fitsL2 ? "fits" : "does NOT fit",
                tileCount(), tiles.size(), kb(l1PeakBytes), kb(budget.l1Usable()), fitsL1 ? "fits" : "does NOT fit");
    }

    static String kb(long bytes) {
        return String.format("%.1f KB", bytes / 1024.0);
    }
}
