package dev.edgenas.deploy.gap8;

import dev.edgenas.gap8.memory.HierarchyPlan;
import dev.edgenas.gap8.memory.HierarchyPlanner;
import dev.edgenas.gap8.memory.MemBudget;
import dev.edgenas.gap8.memory.MemLayer;
import dev.edgenas.gap8.memory.MemNet;
import dev.edgenas.gap8.memory.MemTensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans GAP8 memory: an activation arena in L2 with buffer reuse (each tensor lives from the layer
 * that writes it to the last layer that reads it; tensors are placed largest first at the lowest
 * offset free during their whole life), and per layer whether inputs, output and parameters fit
 * L1 at once or need tiles of output rows (or of channels when even one row does not fit).
 */
public final class MemoryPlanner {
    public static final long L2_BYTES = 512 * 1024;
    public static final long L1_BYTES = 64 * 1024;
    /** What host-sim and the generated main leave for data: 64 KB - 2 KB master stack - 7 x 1 KB - 1 KB. */
    public static final long L1_USABLE = L1_BYTES - 0x800 - 7 * 0x400 - 1024;
    public static final long L2_RESERVE = 64 * 1024;
    static final long CODE_ESTIMATE = MemBudget.CODE_ESTIMATE;

    private MemoryPlanner() {
    }

    public static MemoryPlan plan(IntNetwork net, Long measuredCodeBytes) {
        Map<String, int[]> life = new LinkedHashMap<>();
        Map<String, Integer> size = new HashMap<>();
        put(life, size, net.input(), -1);
        List<IntLayer> layers = net.layers();
        for (int i = 0; i < layers.size(); i++) {
            for (QTensor t : layers.get(i).inputs()) {
                life.get(t.name())[1] = Math.max(life.get(t.name())[1], i);
            }
            put(life, size, layers.get(i).output(), i);
        }
        life.get(net.output().name())[1] = layers.size();
        Map<String, Long> offsets = place(life, size);
        long arena = 0;
        long noReuse = 0;
        for (Map.Entry<String, Long> e : offsets.entrySet()) {
            arena = Math.max(arena, e.getValue() + align(size.get(e.getKey())));
            noReuse += align(size.get(e.getKey()));
        }
        long peak = 0;
        for (int i = -1; i <= layers.size(); i++) {
            long live = 0;
            for (Map.Entry<String, int[]> e : life.entrySet()) {
                if (e.getValue()[0] <= i && i <= e.getValue()[1]) {
                    live += align(size.get(e.getKey()));
                }
            }
            peak = Math.max(peak, live);
        }
        long weights = net.weightBytes();
        long code = measuredCodeBytes != null ? measuredCodeBytes : CODE_ESTIMATE;
        long need = weights + arena + code + L2_RESERVE;
        HierarchyPlan h = HierarchyPlanner.plan(memNet(net), MemBudget.GAPUINO.withCode(code));
        return new MemoryPlan(L2_BYTES, L1_BYTES, L1_USABLE, weights, noReuse, arena, peak, code,
                measuredCodeBytes != null, L2_RESERVE, need, need <= L2_BYTES, h);
    }

    /** The memory planner's view of the integer network (the search builds the same from the ONNX graph). */
    public static MemNet memNet(IntNetwork net) {
        List<MemLayer> out = new ArrayList<>();
        for (IntLayer l : net.layers()) {
            List<MemTensor> ins = l.inputs().stream().map(MemoryPlanner::tensor).toList();
            MemTensor y = tensor(l.output());
            out.add(memLayer(l, ins, y));
        }
        return new MemNet(tensor(net.input()), tensor(net.output()), out);
    }

    private static MemLayer memLayer(IntLayer l, List<MemTensor> ins, MemTensor y) {
        if (l instanceof IntLayer.Conv c) {
            MemLayer.Op op = c.depthwise() ? MemLayer.Op.DWCONV : c.pointwise() ? MemLayer.Op.PWCONV : MemLayer.Op.CONV;
            return new MemLayer(c.name(), op, ins, y, c.kh(), c.kw(), c.sh(), c.sw(), c.dh(), c.dw());
        }
        if (l instanceof IntLayer.Pool p) {
            return new MemLayer(p.name(), p.max() ? MemLayer.Op.MAXPOOL : MemLayer.Op.AVGPOOL, ins, y, p.kh(), p.kw(),
                    p.sh(), p.sw(), 1, 1);
        }
        MemLayer.Op op = l instanceof IntLayer.GlobalAvgPool ? MemLayer.Op.GAP : l instanceof IntLayer.Resize
                ? MemLayer.Op.RESIZE : l instanceof IntLayer.Add ? MemLayer.Op.ADD : l instanceof IntLayer.Lut
                ? MemLayer.Op.LUT : l instanceof IntLayer.Mul ? MemLayer.Op.MUL : MemLayer.Op.CONCAT;
        return MemLayer.simple(l.name(), op, ins, y);
    }

    private static MemTensor tensor(QTensor t) {
        return new MemTensor(t.name(), t.c(), t.h(), t.w());
    }

    private static void put(Map<String, int[]> life, Map<String, Integer> size, QTensor t, int at) {
        life.putIfAbsent(t.name(), new int[] {at, at});
        size.put(t.name(), t.bytes());
    }

    /** Largest first; lowest offset that overlaps no placed tensor whose life overlaps. */
    private static Map<String, Long> place(Map<String, int[]> life, Map<String, Integer> size) {
        List<String> order = new ArrayList<>(life.keySet());
        order.sort(Comparator.comparingInt((String t) -> size.get(t)).reversed());
        Map<String, Long> aligned = new LinkedHashMap<>();
        size.forEach((t, n) -> aligned.put(t, align(n)));
        Map<String, Long> at = dev.edgenas.gap8.memory.L2Arena.firstFit(order, life, aligned);
        Map<String, Long> ordered = new LinkedHashMap<>();
        life.keySet().forEach(t -> ordered.put(t, at.get(t)));
        return ordered;
    }

    static long align(long n) {
        return (n + 3) & ~3L;
    }
}
