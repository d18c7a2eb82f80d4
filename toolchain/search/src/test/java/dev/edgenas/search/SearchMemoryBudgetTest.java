package dev.edgenas.search;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.gap8.memory.HierarchyPlan;
import dev.edgenas.gap8.memory.HierarchyPlanner;
import dev.edgenas.gap8.memory.KernelNets;
import dev.edgenas.gap8.memory.MemBudget;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.models.space.Genome;
import dev.edgenas.models.space.SearchSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** search --memory-budget: the deploy memory planner bounds the candidates; only fitting networks reach the front. */
class SearchMemoryBudgetTest {
    @TempDir
    Path tmp;

    @Test
    void onlyNetworksWhosePlanFitsReachTheFrontAndTheReport() throws Exception {
        SearchOptions o = SearchFixture.options(tmp, tmp.resolve("run"));
        o.population = 6;
        o.generations = 2;
        o.seed = 7;
        o.finetuneEpochs = 0;
        o.randomBaseline = false;
        // an L3 (HyperRAM) bound between the smallest and the full network's need, so it cuts the space (an L2 bound
        // mostly makes the planner spill activations to HyperRAM rather than reject a network)
        SearchSpace space = SearchSpace.of(OnnxModels.read(o.model), o.model);
        List<Long> needs = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 40; i++) {
            Genome g = i == 0 ? space.full() : space.sample(r);
            needs.add(plan(space.subnet(g), MemBudget.GAPUINO).l3RamNeedBytes());
        }
        long lo = needs.stream().mapToLong(Long::longValue).min().orElseThrow();
        long hi = needs.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(hi > lo, "the sampled networks all need the same L2");
        long full = needs.get(0);
        assertTrue(full > lo, "the full network needs no more HyperRAM than the smallest sampled one");
        long bound = (lo + full) / 2; // the full model (always evaluated first) does not fit
        o.memoryBudget = MemBudget.parse("l3=" + bound);
        SearchRunner.Outcome out = SearchRunner.run(o, null);
        assertFalse(out.pareto().isEmpty());
        for (ParetoEntry e : out.pareto()) {
            HierarchyPlan p = plan(OnnxModels.read(o.out.resolve(e.file())), o.memoryBudget);
            assertTrue(p.fits(), e.genome() + ": " + p.summary());
        }
        // the bound was active: some evaluated candidate did not fit (and was journaled as such)
        String journal = Files.readString(o.out.resolve("journal.jsonl"));
        assertTrue(journal.contains("\"fits\":false"), "no candidate over the bound was evaluated (bound " + bound + ", full " + full + ")");
        String report = Files.readString(o.out.resolve("report.md"));
        assertTrue(report.contains("## GAP8 memory (budget l1=") && report.contains("| yes |"), report);
        assertFalse(report.contains("| NO: "), report);
    }

    private static HierarchyPlan plan(ModelProto m, MemBudget b) {
        return HierarchyPlanner.plan(KernelNets.of(Graph.of(m)), b);
    }
}
