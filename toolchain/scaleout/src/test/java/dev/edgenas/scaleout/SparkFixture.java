package dev.edgenas.scaleout;

import dev.edgenas.core.Json;
import dev.edgenas.data.SyntheticPortraits;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.models.DeepLabConfigs;
import dev.edgenas.models.DeepLabV3PlusBuilder;
import dev.edgenas.search.CandidateScore;
import dev.edgenas.search.ParetoEntry;
import dev.edgenas.search.SearchOptions;
import dev.edgenas.search.SearchRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A tiny model, a small synthetic dataset, a small search, and what to compare between two runs. */
final class SparkFixture {
    private SparkFixture() {
    }

    static SearchOptions options(Path dir, Path out, int generations) {
        Path model = dir.resolve("tiny.onnx");
        if (!Files.exists(model)) {
            OnnxModels.write(DeepLabV3PlusBuilder.build(DeepLabConfigs.tiny(), 3), model);
            SyntheticPortraits.generate(dir.resolve("data"), 5, 8, 8, 64);
        }
        SearchOptions o = new SearchOptions();
        o.model = model;
        o.data = dir.resolve("data");
        o.out = out;
        o.latencyTables = List.of(Path.of("../../latency-tables/cpu-x86.json"));
        o.valSubset = 4;
        o.calibImages = 4;
        o.threads = 2;
        o.population = 6;
        o.generations = generations;
        o.seed = 7;
        o.randomBaseline = false;
        o.finetuneEpochs = 0;
        o.progress = false;
        return o;
    }

    static SearchRunner.Outcome spark(SearchOptions o, String master) {
        return SearchRunner.run(o, null, setup -> new SparkEngineProvider().open(o, setup, Map.of("master", master,
                "spark.extraListeners", LostTasks.class.getName())));
    }

    /** The front as compared across engines: genome, proxy mIoU, latencies, MACs, parameters. */
    static List<String> front(SearchRunner.Outcome r) {
        return r.pareto().stream().map(ParetoEntry::genome).sorted().toList();
    }

    /** The journal's records by genome, without the one field that is a timing (seconds). */
    static Map<String, String> journal(Path out) {
        try {
            Map<String, String> m = new TreeMap<>();
            List<String> lines = Files.readAllLines(out.resolve("journal.jsonl"));
            for (String l : lines.subList(1, lines.size())) {
                CandidateScore s = Json.MAPPER.readValue(l, CandidateScore.class);
                String was = m.put(s.genome(), s.miou() + " " + s.latencyMs() + " " + s.macs() + " " + s.params());
                if (was != null) {
                    throw new AssertionError("scored twice in the journal: " + s.genome());
                }
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
