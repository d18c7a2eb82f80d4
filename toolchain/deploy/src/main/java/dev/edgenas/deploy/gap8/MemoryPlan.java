package dev.edgenas.deploy.gap8;

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
 */
public record MemoryPlan(long l2Bytes, long l1Bytes, long l1UsableBytes, long weightBytes, long activationBytesNoReuse,
                         long arenaBytes, long peakLiveBytes, long codeBytes, boolean codeMeasured, long l2ReserveBytes,
                         long l2NeededBytes, boolean fitsL2, Map<String, Long> offsets, List<LayerPlan> layers) {

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

    /** A few lines for people: what fits where. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("weights %s, activations %s with buffer reuse (%s without; peak live %s), code %s%s%n",
                kb(weightBytes), kb(arenaBytes), kb(activationBytesNoReuse), kb(peakLiveBytes), kb(codeBytes),
                codeMeasured ? "" : " (estimate)"));
        sb.append(String.format("L2 need %s of %s (incl. %s runtime reserve): %s%n", kb(l2NeededBytes), kb(l2Bytes),
                kb(l2ReserveBytes), fitsL2 ? "fits L2" : "does NOT fit L2: weights must live in L3 (HyperRAM/HyperFlash) and stream in"));
        long rows = layers.stream().filter(l -> l.mode().equals("row-tiles")).count();
        long ch = layers.size() - wholeLayers() - rows;
        sb.append(String.format("L1 (%s usable of %s): %d of %d layers fit whole, %d need row tiles, %d need channel tiles",
                kb(l1UsableBytes), kb(l1Bytes), wholeLayers(), layers.size(), rows, ch));
        return sb.toString();
    }

    static String kb(long bytes) {
        return String.format("%.1f KB", bytes / 1024.0);
    }
}
