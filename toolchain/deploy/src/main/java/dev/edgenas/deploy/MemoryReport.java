package dev.edgenas.deploy;

import dev.edgenas.deploy.gap8.IntNetwork;
import dev.edgenas.deploy.gap8.MemoryPlan;

/** MEMORY.md: the memory plan for people. */
final class MemoryReport {
    private MemoryReport() {
    }

    static String markdown(IntNetwork net, MemoryPlan p) {
        StringBuilder sb = new StringBuilder("# GAP8 memory plan\n\n");
        sb.append(p.summary().replace("\n", "  \n")).append("\n\n");
        if (!p.fitsL2()) {
            sb.append("""
                    **Does not fit L2.** The generated project keeps weights as constant arrays, which the GAP SDK
                    places in L2: linking for the chip fails until the network is made smaller (edgenas search with a
                    memory bound) or its weights move to L3 (HyperRAM/HyperFlash) with a per-layer prefetch into L2,
                    which the generated code does not do yet. Host runs are unaffected.

                    """);
        }
        sb.append("""
                Layers marked `whole` are staged in L1 by DMA (inputs, weights, requant tables and output) and run
                there; `row-tiles` / `channel-tiles` layers run directly from L2 in the generated code (correct but
                slower: the cluster reads L2 through the interconnect). The tile sizes are those a DMA-tiled version
                would use.

                | # | layer | kernel | in | out | bytes whole | L1 plan | tile rows | tile ch | tiles | tile bytes |
                |---|---|---|---|---|---|---|---|---|---|---|
                """);
        for (int i = 0; i < p.layers().size(); i++) {
            MemoryPlan.LayerPlan l = p.layers().get(i);
            var layer = net.layers().get(i);
            sb.append(String.format("| %d | %s | %s | %s | %s | %d | %s | %d | %d | %d | %d |%n", i, l.name(), l.kernel(),
                    layer.inputs().get(0).shape(), layer.output().shape(), l.wholeBytes(), l.mode(), l.tileRows(),
                    l.tileChannels(), l.tiles(), l.tileBytes()));
        }
        return sb.toString();
    }
}
