package dev.edgenas.gap8.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.ir.Graph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HierarchyPlannerTest {
    private static final MemBudget B = MemBudget.GAPUINO;

    private static MemLayer conv(String name, MemTensor x, int oc, int k, int s, MemLayer.Op op) {
        int h = (x.h() + 2 * (k / 2) - k) / s + 1;
        int w = (x.w() + 2 * (k / 2) - k) / s + 1;
        return new MemLayer(name, op, List.of(x), new MemTensor(name + ".y", oc, h, w), k, k, s, s, 1, 1);
    }

    @Test
    void smallLayerRunsAsOneTileWithoutDoubleBuffers() {
        MemLayer l = conv("c", new MemTensor("x", 16, 8, 8), 16, 3, 1, MemLayer.Op.CONV);
        TilePlan t = TileSolver.solve(l, B.l1Usable());
        assertEquals(1, t.tiles());
        long scratch = 8L * (4 * 16 + 2 * 144);
        long w = 16 * 144 + 8 * 16 + 16;
        assertEquals(16 * 8 * 8 + 16 * 8 * 8 + w + scratch, t.l1Bytes());
        assertTrue(t.fits());
    }

    @Test
    void largeConvIsTiledWithinL1AndBlocksAreMultiplesOfFour() {
        // 3x3 conv 96 -> 200 channels on 64x64: weights alone 173 KB
        MemLayer l = conv("c", new MemTensor("x", 96, 64, 64), 200, 3, 1, MemLayer.Op.CONV);
        TilePlan t = TileSolver.solve(l, B.l1Usable());
        assertTrue(t.fits(), t.toString());
        assertTrue(t.l1Bytes() <= B.l1Usable());
        assertTrue(t.channels() % 4 == 0 && t.channels() < 200, t.toString());
        assertTrue(t.doubleBuffered());
        // input rows of a 3-row tile of a 3x3 stride-1 conv: 5
        assertEquals(5, l.inRows(3));
        // the solver's choice is minimal: one more row or 4 more channels would not fit, or not cut tiles
        TilePlan more = TileSolver.tile(l, t.channels(), Math.min(64, t.rows() + 1), t.cols(), B.l1Usable());
        assertTrue(!more.fits() || more.tiles() >= t.tiles());
    }

    @Test
    void addAndConcatSplitRowsOnly() {
        MemTensor a = new MemTensor("a", 64, 64, 64);
        MemTensor b = new MemTensor("b", 64, 64, 64);
        MemLayer add = MemLayer.simple("add", MemLayer.Op.ADD, List.of(a, b), new MemTensor("y", 64, 64, 64));
        TilePlan t = TileSolver.solve(add, B.l1Usable());
        assertEquals(64, t.channels());
        assertEquals(2 * (3L * t.rows() * 64 * 64), t.l1Bytes());
        assertTrue(t.fits());
    }

    /** A chain of convs whose activations alone exceed L2: the planner spills to L3 and still fits. */
    @Test
    void spillsToL3WhenL2IsShortAndProvesTheFit() {
        List<MemLayer> layers = new ArrayList<>();
        MemTensor in = new MemTensor("in", 3, 160, 160);
        MemTensor x = in;
        int[] ch = {32, 32, 32, 32};
        for (int i = 0; i < ch.length; i++) {
            MemLayer l = conv("c" + i, x, ch[i], 3, 1, MemLayer.Op.CONV);
            layers.add(l);
            x = l.output();
        }
        MemNet net = new MemNet(in, x, layers);
        HierarchyPlan p = HierarchyPlanner.plan(net, B);
        assertTrue(p.fits(), p.summary());
        assertFalse(p.spilled().isEmpty(), p.summary());
        assertTrue(p.l2NeedBytes() <= B.l2Bytes());
        assertTrue(p.stagingBytes() > 0);
        assertEquals(p.weightBytes() + p.spilledBytes(), p.l3RamNeedBytes());
        // no two L2 tensors with overlapping lives overlap in the arena
        for (String t : p.l2Offsets().keySet()) {
            assertFalse(p.spilled().contains(t));
        }
    }

    @Test
    void tooSmallBudgetsAreReportedPerLevel() {
        MemTensor in = new MemTensor("in", 3, 64, 64);
        MemLayer l = conv("c", in, 32, 3, 1, MemLayer.Op.CONV);
        MemNet net = new MemNet(in, l.output(), List.of(l));
        HierarchyPlan tinyL3 = HierarchyPlanner.plan(net, MemBudget.parse("l3=1k"));
        assertFalse(tinyL3.fitsL3());
        assertTrue(tinyL3.firstMiss().startsWith("L3"), tinyL3.firstMiss());
        HierarchyPlan tinyL1 = HierarchyPlanner.plan(net, MemBudget.parse("l1=512"));
        assertFalse(tinyL1.fitsL1());
        assertTrue(tinyL1.firstMiss().startsWith("L1"), tinyL1.firstMiss());
        HierarchyPlan tinyL2 = HierarchyPlanner.plan(net, MemBudget.parse("l2=80k"));
        assertFalse(tinyL2.fitsL2(), tinyL2.summary());
    }

    @Test
    void budgetParsing() {
        MemBudget b = MemBudget.parse("l2=400k, l3=4m");
        assertEquals(400 * 1024, b.l2Bytes());
        assertEquals(4L << 20, b.l3RamBytes());
        assertEquals(B.l1Usable(), b.l1Usable());
        assertThrows(IllegalArgumentException.class, () -> MemBudget.parse("l4=1k"));
        assertThrows(IllegalArgumentException.class, () -> MemBudget.parse("l2=abc"));
        assertThrows(IllegalArgumentException.class, () -> MemBudget.parse("l2"));
    }

    /** The shipped pretrained network: too big for L2 alone, it fits the GAPuino through L3. */
    @Test
    void defaultModelFitsTheGapuinoThroughL3() {
        Path model = Path.of("../../models/deeplabv3plus-portrait.onnx");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(model), "models/ not next to the module");
        MemNet net = KernelNets.of(Graph.read(model));
        HierarchyPlan p = HierarchyPlanner.plan(net, B);
        System.out.println("[memory] " + p.summary().replace("\n", "\n[memory] "));
        p.tiles().stream().sorted(java.util.Comparator.comparingLong(TileSolver::moveCycles).reversed()).limit(5)
                .forEach(t -> System.out.println("[memory] most data moved: " + t));
        assertTrue(p.fits(), p.summary());
        assertTrue(p.weightBytes() > B.l2Bytes(), "weights " + p.weightBytes());
        assertEquals(p, HierarchyPlanner.plan(KernelNets.of(Graph.read(model)), B), "a pure function");
    }
}
