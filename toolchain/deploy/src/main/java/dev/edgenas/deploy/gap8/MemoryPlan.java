package dev.edgenas.deploy.gap8;

import dev.edgenas.gap8.memory.HierarchyPlan;
import java.util.List;
import java.util.Map;

/**
 * Where the network lives on GAP8 (written as memory-plan.json and summarised in MEMORY.md).
 *
 * @param l2Bytes            L2 size (512 KB)
 * @param l1Bytes            cluster L1 size (64 KB)
 * @param l1UsableBytes      L1 left for data after the cluster stacks (master 2 KB + 7 x 1 KB) and 1 KB of runtime
 * @param weightBytes        constant parameters: int8 weights, int32 bias and multipliers, shifts
 * @param activationBytesNoReuse every activation in its own buffer
 * @param arenaBytes         the activation arena with buffer reuse (peak of live tensors, first-fit placement)
 * @param peakLiveBytes      the largest sum of simultaneously live activations (lower bound of any arena)
 * @param codeBytes          code and small data of the firmware (measured from the rv32imc objects when built, else an estimate)
 * @param l2ReserveBytes     L2 kept for the PMSIS runtime, FC stack and UART buffers
 * @param l2NeededBytes      weights + arena + code + reserve
 * @param fitsL2             whether everything fits L2; otherwise weights must stream from L3 (HyperRAM/HyperFlash)
 * @param offsets            tensor -> offset in the arena
 * @param layers             per-layer L1 plan in execution order
 * @param hierarchy          the L1/L2/L3 plan of the tiled deployment (weights in HyperFlash/HyperRAM streamed
 *                           per layer, activations tiled through L1, spills to HyperRAM): what proves the fit
 */
public record MemoryPlan(long l2Bytes, long l1Bytes, long l1UsableBytes, long weightBytes, long activationBytesNoReuse,
                         long arenaBytes, long peakLiveBytes, long codeBytes, boolean codeMeasured, long l2ReserveBytes,
                         long l2NeededBytes, boolean fitsL2, Map<String, Long> offsets, List<LayerPlan> layers,
                         HierarchyPlan hierarchy) {

    /**
     * @param name        the layer
     * @param kernel      en_* kernel
     * @param wholeBytes  inputs + output + parameters of the layer
     * @param mode        "whole" (staged in L1 by DMA), "row-tiles" or "channel-tiles" (run from L2 by the generated code; the tile plan is what a DMA-tiled version uses)
     * @param tileRows    output rows per tile (row-tiles), else the full height
     * @param tiles       number of tiles
     * @param tileBytes   L1 bytes one tile needs
     */
    public record LayerPlan(String name, String kernel, String input, String output, long wholeBytes, String mode,
                            int tileRows, int tileChannels, int tiles, long tileBytes) {
        public boolean whole() {
            return mode.equals("whole");
        }
    }

    public long wholeLayers() {
        return layers.stream().filter(LayerPlan::whole).count();
    }

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
