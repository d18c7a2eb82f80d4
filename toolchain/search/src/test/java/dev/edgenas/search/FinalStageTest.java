package dev.edgenas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.ir.OnnxChecker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FinalStageTest {
    @TempDir
    Path tmp;

    @Test
    void theFinalStageFineTunesPartOfTheFrontAndReportsTheRankCorrelation() throws Exception {
        SearchOptions o = new SearchOptions();
        o.model = SearchFixture.model(tmp);
        o.data = SearchFixture.data(tmp);
        o.out = tmp.resolve("run");
        o.valSubset = 4;
        o.calibImages = 4;
        o.population = 8;
        o.generations = 1;
        o.threads = 2;
        o.seed = 3;
        o.randomBaseline = false;
        o.finetuneEpochs = 1;
        o.finetuneLimit = 4;
        o.finetuneNetworks = 3;
        o.progress = false;
        SearchRunner.Outcome r = SearchRunner.run(o, null);
        List<ParetoEntry> tuned = r.pareto().stream().filter(e -> e.finalMiou() != null).toList();
        assertEquals(Math.min(3, r.pareto().size()), tuned.size());
        for (ParetoEntry e : tuned) {
            assertTrue(e.file().endsWith("-finetuned.onnx"), e.file());
            OnnxChecker.check(o.out.resolve(e.file()));
            assertTrue(e.finalMiou() >= 0 && e.finalMiou() <= 1);
        }
        String report = Files.readString(o.out.resolve("report.md"));
        assertTrue(report.contains("final mIoU"));
        if (tuned.size() >= 3) {
            assertTrue(r.spearman() >= -1 && r.spearman() <= 1, "spearman " + r.spearman());
            assertTrue(report.contains("Spearman"), report);
        }
        assertNotNull(Files.readString(o.out.resolve("pareto.csv")));
        assertTrue(Files.readString(o.out.resolve("pareto.csv")).contains("-finetuned.onnx"));
    }

    @Test
    void theFineTunedSetIsSpreadOverTheFrontIncludingBothEnds() {
        assertEquals(List.of(0, 5, 9), FinalStage.spread(10, 3));
        assertEquals(List.of(0, 1, 2), FinalStage.spread(3, 5));
        assertEquals(List.of(0, 1, 2, 3), FinalStage.spread(4, 0));
        assertEquals(List.of(3), FinalStage.spread(4, 1));
    }

    @Test
    void brokenNetworksAtTheFastEndAreOnlyFineTunedWhenNothingBetterIsLeft() {
        List<ParetoEntry> front = new java.util.ArrayList<>();
        double[] proxy = {0.05, 0.1, 0.2, 0.5, 0.6, 0.7, 0.72};
        for (int i = 0; i < proxy.length; i++) {
            front.add(new ParetoEntry("g" + i, proxy[i], null, List.of(), i, i, "f" + i));
        }
        assertEquals(List.of(3, 5, 6), FinalStage.pick(front, 0.74, 3));
        assertEquals(List.of(2, 3, 4, 5, 6), FinalStage.pick(front, 0.74, 5));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), FinalStage.pick(front, 0.74, 0));
    }
}
