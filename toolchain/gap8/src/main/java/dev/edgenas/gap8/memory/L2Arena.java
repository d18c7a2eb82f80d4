package dev.edgenas.gap8.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Places activations in one L2 arena with buffer reuse: a tensor lives from the layer that writes it
 * (-1 for the network input) to the last layer that reads it (the layer count for the output);
 * largest first, each at the lowest offset that overlaps no placed tensor with an overlapping life.
 */
public final class L2Arena {
    /** Lifetimes and sizes of every activation, in first-appearance order. */
    record Lives(Map<String, int[]> life, Map<String, Long> size) {
        static Lives of(MemNet net) {
            Map<String, int[]> life = new LinkedHashMap<>();
            Map<String, Long> size = new LinkedHashMap<>();
            life.put(net.input().name(), new int[] {-1, -1});
            size.put(net.input().name(), TileSolver.align(net.input().bytes()));
            for (int i = 0; i < net.layers().size(); i++) {
                MemLayer l = net.layers().get(i);
                for (MemTensor t : l.inputs()) {
                    int[] lt = life.get(t.name());
                    if (lt == null) {
                        throw new IllegalArgumentException("layer " + l.name() + " reads " + t.name()
                                + " before any layer writes it");
                    }
                    lt[1] = Math.max(lt[1], i);
                }
                life.putIfAbsent(l.output().name(), new int[] {i, i});
                size.put(l.output().name(), TileSolver.align(l.output().bytes()));
            }
            int[] out = life.get(net.output().name());
            if (out == null) {
                throw new IllegalArgumentException("no layer writes the output " + net.output().name());
            }
            out[1] = net.layers().size();
            return new Lives(life, size);
        }
    }

    private L2Arena() {
    }

    /** Offsets of the tensors not in {@code spilled}; the arena size is the largest end. */
    static Map<String, Long> place(Lives lives, Set<String> spilled) {
        List<String> order = new ArrayList<>();
        for (String t : lives.life().keySet()) {
            if (!spilled.contains(t)) {
                order.add(t);
            }
        }
        order.sort(Comparator.comparingLong((String t) -> lives.size().get(t)).reversed());
        Map<String, Long> at = firstFit(order, lives.life(), lives.size());
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String t : lives.life().keySet()) {
            if (at.containsKey(t)) {
                ordered.put(t, at.get(t));
            }
        }
        return ordered;
    }

    /**
     * First-fit placement, the one both planners use (the search's and deploy's): the tensors in {@code order},
     * each at the lowest offset where its {@code bytes} overlap no tensor placed before it whose life
     * (first and last layer, inclusive) overlaps its own. Returns the offsets in placement order.
     */
    public static Map<String, Long> firstFit(List<String> order, Map<String, int[]> life,
                                             Map<String, ? extends Number> bytes) {
        Map<String, Long> at = new LinkedHashMap<>();
        for (String t : order) {
            int[] lt = life.get(t);
            List<long[]> busy = new ArrayList<>();
            for (Map.Entry<String, Long> p : at.entrySet()) {
                int[] lp = life.get(p.getKey());
                if (lp[0] <= lt[1] && lt[0] <= lp[1]) {
                    busy.add(new long[] {p.getValue(), p.getValue() + bytes.get(p.getKey()).longValue()});
                }
            }
            busy.sort(Comparator.comparingLong(b -> b[0]));
            long off = 0;
            long need = bytes.get(t).longValue();
            for (long[] b : busy) {
                if (off + need <= b[0]) {
                    break;
                }
                off = Math.max(off, b[1]);
            }
            at.put(t, off);
        }
        return at;
    }

    static long size(Lives lives, Map<String, Long> offsets) {
        long end = 0;
        for (Map.Entry<String, Long> e : offsets.entrySet()) {
            end = Math.max(end, e.getValue() + lives.size().get(e.getKey()));
        }
        return end;
    }

    /** The largest sum of simultaneously live tensors (a lower bound of any arena). */
    static long peakLive(Lives lives, int layers) {
        long peak = 0;
        for (int i = -1; i <= layers; i++) {
            long live = 0;
            for (Map.Entry<String, int[]> e : lives.life().entrySet()) {
                if (e.getValue()[0] <= i && i <= e.getValue()[1]) {
                    live += lives.size().get(e.getKey());
                }
            }
            peak = Math.max(peak, live);
        }
        return peak;
    }
}
