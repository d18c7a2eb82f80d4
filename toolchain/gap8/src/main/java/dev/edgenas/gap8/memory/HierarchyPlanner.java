package dev.edgenas.gap8.memory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The GAP8 memory plan as a pure function of the network's shapes and the board's budget: deploy
 * writes it into the bundle, and the search calls it for every candidate, so a search bounded by
 * {@code --memory-budget} keeps exactly the networks whose deployment plan fits.
 *
 * <p>L1: {@link TileSolver} per layer. L2: weight buffers sized by the largest weight chunk a tile
 * uses; activations in an arena with buffer reuse; while L2 is short, the largest activation still
 * in L2 that is live at the arena's fullest point is spilled to HyperRAM (its tiles then pass
 * through double-buffered L2 staging buffers). L3: weights plus spilled activations.
 */
public final class HierarchyPlanner {
    private HierarchyPlanner() {
    }

    public static HierarchyPlan plan(MemNet net, MemBudget budget) {
        List<TilePlan> tiles = new ArrayList<>();
        long l1Peak = 0;
        boolean fitsL1 = true;
        long chunk = 0;
        for (MemLayer l : net.layers()) {
            TilePlan t = TileSolver.solve(l, budget.l1Usable());
            tiles.add(t);
            l1Peak = Math.max(l1Peak, t.l1Bytes());
            fitsL1 &= t.fits();
            chunk = Math.max(chunk, t.weightChunkBytes());
        }
        long weightBuffers = 2 * chunk;
        L2Arena.Lives lives = L2Arena.Lives.of(net);
        Set<String> spilled = new LinkedHashSet<>();
        Map<String, Long> offsets = L2Arena.place(lives, spilled);
        long arena = L2Arena.size(lives, offsets);
        long staging = 0;
        long fixed = weightBuffers + budget.codeBytes() + budget.l2Reserve();
        while (arena + staging + fixed > budget.l2Bytes()) {
            String victim = victim(lives, offsets);
            if (victim == null) {
                break;
            }
            spilled.add(victim);
            offsets = L2Arena.place(lives, spilled);
            arena = L2Arena.size(lives, offsets);
            staging = staging(net, tiles, spilled);
        }
        long l2Need = arena + staging + fixed;
        long spilledBytes = spilled.stream().mapToLong(t -> lives.size().get(t)).sum();
        long weights = net.layers().stream().mapToLong(l -> TileSolver.align(l.weightBytes())).sum();
        long ram = weights + spilledBytes;
        return new HierarchyPlan(budget, tiles, l1Peak, fitsL1, weights, weightBuffers, arena,
                L2Arena.peakLive(lives, net.layers().size()), offsets, List.copyOf(spilled), spilledBytes, staging,
                l2Need, l2Need <= budget.l2Bytes(), ram, weights, ram <= budget.l3RamBytes() && weights <= budget.flashBytes());
    }

    /** The largest tensor among those that end at the arena's top (the ones that make it that large). */
    private static String victim(L2Arena.Lives lives, Map<String, Long> offsets) {
        long top = L2Arena.size(lives, offsets);
        String best = null;
        long bestSize = -1;
        for (Map.Entry<String, Long> e : offsets.entrySet()) {
            long size = lives.size().get(e.getKey());
            if (e.getValue() + size == top && size > bestSize) {
                best = e.getKey();
                bestSize = size;
            }
        }
        if (best == null) {
            return null;
        }
        // spill the largest tensor live together with it: the one whose removal lowers the top most
        int[] lt = lives.life().get(best);
        for (Map.Entry<String, Long> e : offsets.entrySet()) {
            int[] lo = lives.life().get(e.getKey());
            long size = lives.size().get(e.getKey());
            if (lo[0] <= lt[1] && lt[0] <= lo[1] && size > bestSize) {
                best = e.getKey();
                bestSize = size;
            }
        }
        return best;
    }

    /** The staging buffer: the largest tile a layer moves to or from a spilled tensor (one at a time). */
    private static long staging(MemNet net, List<TilePlan> tiles, Set<String> spilled) {
        long most = 0;
        for (int i = 0; i < net.layers().size(); i++) {
            MemLayer l = net.layers().get(i);
            TilePlan t = tiles.get(i);
            long bytes = 0;
            for (MemTensor x : l.inputs()) {
                if (spilled.contains(x.name())) {
                    bytes = Math.max(bytes, TileSolver.inputTileBytes(l, x, t.channels(), t.rows(), t.cols()));
                }
            }
            if (spilled.contains(l.output().name())) {
                bytes = Math.max(bytes, t.outTileBytes());
            }
            most = Math.max(most, bytes);
        }
        return most;
    }
}
