package dev.edgenas.deploy;

import dev.edgenas.deploy.gap8.IntNetwork;
import dev.edgenas.deploy.gap8.MemoryPlan;
import dev.edgenas.gap8.memory.HierarchyPlan;
import dev.edgenas.gap8.memory.TilePlan;

/** MEMORY.md: the memory plan for people. */
final class MemoryReport {
    private MemoryReport() {
    }

    static String markdown(IntNetwork net, MemoryPlan p) {
        HierarchyPlan h = p.hierarchy();
        StringBuilder sb = new StringBuilder("# GAP8 memory plan\n\n");
        sb.append(p.summary().replace("\n", "  \n")).append("\n\n");
        sb.append(p.fits() ? "**The plan fits every level.**\n\n" : "**The plan does NOT fit: " + h.firstMiss() + ".**\n\n");
        sb.append("""
                - **L3**: `weights.bin` (every layer's weights, bias and requantisation tables in output-channel
                  chunks) lives in the flash image's ReadFS partition (HyperFlash) and is copied to HyperRAM at boot.
                  Spilled activations live in HyperRAM too.
                - **L2**: the activation arena (tensors placed with buffer reuse over their lifetimes), two weight
                  buffers (the next chunk streams in from HyperRAM with `pi_cl_ram_read` while the current one
                  computes), a staging buffer for tiles of spilled activations, code and the runtime reserve.
                - **L1**: per layer, tiles of output rows x columns x channels; with more than one tile the input and
                  output tiles are double-buffered (the cluster DMA loads the next and drains the last while the cores
                  compute), plus one weight chunk and the HWC kernels' scratch for 8 cores.

                """);
        if (!h.spilled().isEmpty()) {
            sb.append("Spilled to HyperRAM: ").append(String.join(", ", h.spilled())).append("\n\n");
        }
        sb.append("""
                | # | layer | op | in | out | tile rows x cols x ch | tiles | in tile | out tile | weight chunk | scratch | L1 bytes |
                |---|---|---|---|---|---|---|---|---|---|---|---|
                """);
        for (int i = 0; i < h.tiles().size(); i++) {
            TilePlan t = h.tiles().get(i);
            var layer = net.layers().get(i);
            sb.append(String.format("| %d | %s | %s | %s | %s | %d x %d x %d | %d | %d | %d | %d | %d | %d |%n", i, t.layer(),
                    t.op(), layer.inputs().get(0).shape(), layer.output().shape(), t.rows(), t.cols(), t.channels(),
                    t.tiles(), t.inTileBytes(), t.outTileBytes(), t.weightChunkBytes(), t.scratchBytes(), t.l1Bytes()));
        }
        return sb.toString();
    }
}
