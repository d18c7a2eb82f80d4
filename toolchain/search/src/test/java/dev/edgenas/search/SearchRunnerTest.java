package dev.edgenas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.ir.OnnxChecker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchRunnerTest {
    @TempDir
    Path tmp;

    private SearchOptions options(Path out) {
        SearchOptions o = SearchFixture.options(tmp, out);
        o.population = 6;
        o.generations = 2;
        o.seed = 7;
        o.finetuneEpochs = 0;
        return o;
    }

    @Test
    void searchWritesEverythingAndAResumedRunReachesTheSameFront() throws Exception {
        SearchOptions o = options(tmp.resolve("run1"));
        SearchRunner.Outcome first = SearchRunner.run(o, null);
        for (String f : List.of("journal.jsonl", "pareto.json", "pareto.csv", "front.png", "front.svg", "report.md",
                "hypervolume.csv", "hypervolume.json")) {
            assertTrue(Files.size(o.out.resolve(f)) > 0, f);
        }
        assertFalse(first.pareto().isEmpty());
        // pareto.json, the journal's first line and every Pareto network carry the run's one provenance record:
        // this build's commit, the inputs with checksums, the seed and the effective options
        var prov = dev.edgenas.core.Provenance.read(
                dev.edgenas.core.Json.readTree(o.out.resolve("pareto.json")).get("provenance"));
        assertEquals(dev.edgenas.core.Provenance.currentTool(), prov.tool());
        assertEquals(new dev.edgenas.core.Provenance.Input("model", o.model.toString(),
                dev.edgenas.core.Checksums.sha256(o.model)), prov.inputs().get(0));
        assertEquals(o.seed, prov.run().seed());
        assertEquals(Integer.toString(o.population), prov.run().options().get("population"));
        String journalFirst = Files.readAllLines(o.out.resolve("journal.jsonl")).get(0);
        assertEquals(prov, dev.edgenas.core.Provenance.read(dev.edgenas.core.Json.readTreeString(journalFirst)
                .get("provenance")));
        var netMeta = dev.edgenas.ir.ModelMetadata.property(dev.edgenas.ir.OnnxModels.read(
                o.out.resolve(first.pareto().get(0).file())), dev.edgenas.ir.ModelMetadata.PROVENANCE_KEY).orElseThrow();
        assertEquals(prov, dev.edgenas.core.Provenance.read(dev.edgenas.core.Json.readTreeString(netMeta)));
        OnnxChecker.check(o.out.resolve(first.pareto().get(0).file()));
        assertEquals(first.nsga2().candidates().size(), first.random().candidates().size());
        // NSGA-II's generations, then the fast-end rounds: they only add networks, so hypervolume cannot fall
        SearchAlgorithms.Result n = first.nsga2();
        assertEquals(o.generations + 1, n.nsga2Generations());
        assertTrue(n.hypervolume().size() > n.nsga2Generations(), "fast-end rounds ran");
        for (int g = n.nsga2Generations(); g < n.hypervolume().size(); g++) {
            assertTrue(n.distinct().get(g) > n.distinct().get(g - 1), "round " + g + " scored new networks");
            assertTrue(n.hypervolume().get(g) >= n.hypervolume().get(g - 1) - 1e-12, "round " + g);
        }
        assertEquals(n.candidates().size(), (int) n.distinct().get(n.distinct().size() - 1));
        var hv = dev.edgenas.core.Json.MAPPER.readTree(o.out.resolve("hypervolume.json").toFile());
        assertEquals(n.hypervolume().size(), hv.get("nsga2").size());
        assertEquals("fast-end", hv.get("nsga2").get(n.hypervolume().size() - 1).get("phase").asText());
        assertEquals(SearchOutputs.distinctTotal(first), hv.get("distinctNetworks").asInt());
        assertTrue(Files.readString(o.out.resolve("report.md")).contains("| generation | phase | distinct networks |"));

        // a kill mid-search: only part of the journal reached the disk, the last line torn
        Path journal = o.out.resolve("journal.jsonl");
        List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        int keep = lines.size() / 2;
        String cut = String.join("\n", lines.subList(0, keep)) + "\n" + lines.get(keep).substring(0, 10);
        Files.writeString(journal, cut);
        o.resume = true;
        SearchRunner.Outcome second = SearchRunner.run(o, null);
        assertEquals(keys(first), keys(second));
        assertEquals(first.nsga2().hypervolume(), second.nsga2().hypervolume());
        assertTrue(second.evaluatedHere() < first.evaluatedHere(), "the journal must spare evaluations");
        assertEquals(lines.size(), Files.readAllLines(journal).size());
    }

    private static List<String> keys(SearchRunner.Outcome o) {
        return o.pareto().stream().map(ParetoEntry::genome).toList();
    }
}
