package dev.edgenas.search;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.Checksums;
import dev.edgenas.data.VocDataset;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.latency.LatencyPredictor;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.TableFit;
import dev.edgenas.models.space.SearchSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Runs a whole search: scoring set-up, journal, NSGA-II and/or random search, outputs. */
public final class SearchRunner {
    private SearchRunner() {
    }

    /** What a run produced. */
    public record Outcome(SearchSpace space, CandidateScore full, SearchAlgorithms.Result nsga2,
                          SearchAlgorithms.Result random, List<ParetoEntry> pareto, Path outDir, int evaluatedHere,
                          double seconds, double spearman, FinalPick pick, SearchInputs inputs,
                          List<DeviceFronts.Device> devices) {
    }

    /** The inputs of a run, read once, and the scorer built from them. */
    public record Setup(CandidateEvaluator evaluator, SearchInputs inputs) {
        public EvalData val() {
            return inputs.val();
        }

        public EvalData calib() {
            return inputs.calib();
        }
    }

    public static Setup setup(SearchOptions o) {
        SearchInputs in = SearchInputs.read(o);
        return new Setup(evaluator(in.model(), in.modelFile(), in.val(), in.calib(), in.tables(), o.fixBackbone,
                o.memoryBudget), in);
    }

    /**
     * The scorer of a run from its loaded inputs: one place builds it, for this JVM and for the workers of a
     * scale-out engine (which receive the same inputs), so both score alike.
     */
    public static CandidateEvaluator evaluator(ModelProto model, Path modelFile, EvalData val, EvalData calib,
                                               List<LatencyTable> tables, boolean fixBackbone,
                                               dev.edgenas.gap8.memory.MemBudget memoryBudget) {
        ModelMetadata meta = ModelMetadata.of(model, modelFile);
        SearchSpace space = SearchSpace.of(model, modelFile);
        List<LatencyPredictor> predictors = new ArrayList<>();
        for (LatencyTable t : tables) {
            predictors.add(new LatencyPredictor(t));
        }
        CandidateEvaluator evaluator = new CandidateEvaluator(space, val, calib, predictors, meta.numClasses(),
                meta.ignoreLabel());
        CandidateEvaluator ev = fixBackbone ? evaluator.withFeatureCache() : evaluator;
        return memoryBudget == null ? ev : ev.withMemoryBudget(memoryBudget);
    }

    public static Outcome run(SearchOptions o, SearchAlgorithms.Listener listener) {
        return run(o, listener, null);
    }

    /**
     * @param engine opens the engine that scores candidates (e.g. Spark), or null to score them in this JVM
     */
    public static Outcome run(SearchOptions o, SearchAlgorithms.Listener listener,
                              java.util.function.Function<Setup, EvaluationEngine> engine) {
        long t0 = System.nanoTime();
        Setup setup = setup(o);
        CandidateEvaluator evaluator = setup.evaluator();
        SearchSpace space = evaluator.space();
        EvalData val = setup.val();
        EvalData calib = setup.calib();
        EvaluationEngine remote = engine == null ? null : engine.apply(setup);
        ExecutorService pool = Executors.newFixedThreadPool(remote == null ? o.effectiveThreads() : remote.parallelism(), r -> {
            Thread th = new Thread(r, "search-eval");
            th.setDaemon(true);
            return th;
        });
        SearchInputs in = setup.inputs();
        try (Journal journal = Journal.open(o.out.resolve("journal.jsonl"), header(in, space), in.provenance(),
                o.resume)) {
            ScoreStore store = remote == null ? new ScoreStore(evaluator, journal)
                    : new ScoreStore(evaluator, journal, remote::evaluate);
            CandidateScore full = store.score(space.full());
            Objectives obj = new Objectives(full);
            SearchAlgorithms.Result nsga = null;
            SearchAlgorithms.Result random = null;
            int budget = o.population * (o.generations + 1);
            if (o.algorithm == SearchOptions.Algorithm.NSGA2) {
                nsga = SearchAlgorithms.nsga2(space, o.fixBackbone, store, obj, o.population, o.generations, o.seed,
                        pool, listener);
                int distinct = nsga.candidates().size();
                int target = (int) Math.ceil(o.distinctShare * o.population * (o.generations + 1));
                int extra = Math.max((int) Math.round(o.fastEndShare * distinct), target - distinct);
                if (extra > 0) {
                    nsga = FastEndRefiner.refine(space, o.fixBackbone, store, obj, nsga, extra, o.seed, pool, listener);
                }
                budget = nsga.candidates().size();
            }
            if (o.algorithm == SearchOptions.Algorithm.RANDOM || o.randomBaseline) {
                random = SearchAlgorithms.random(space, o.fixBackbone, store, obj, budget, o.seed + 1000, pool);
            }
            SearchAlgorithms.Result main = nsga != null ? nsga : random;
            List<ParetoEntry> pareto = ParetoExport.write(o, in, evaluator, main.front(), full);
            double spearman = Double.NaN;
            FinalPick pick = null;
            if (o.finetuneEpochs > 0) {
                FinalStage.Result fin = FinalStage.run(o, in, pareto, full, null);
                pareto = fin.entries();
                spearman = fin.spearman();
                pick = fin.pick();
                ParetoExport.writeTables(o, in, pareto, full, pick);
            }
            Outcome out = new Outcome(space, full, nsga, random, pareto, o.out, store.evaluatedHere(),
                    (System.nanoTime() - t0) / 1e9, spearman, pick, in, DeviceFronts.of(o, in, pareto, full, pick));
            SearchOutputs.write(o, out, obj);
            return out;
        } finally {
            pool.shutdownNow();
            if (remote != null) {
                remote.close();
            }
        }
    }

    /** Identifies the run: a journal is only resumed by a search with the same header. */
    static Map<String, Object> header(SearchInputs in, SearchSpace space) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("model", in.modelSha256());
        h.put("space", space.describe());
        h.put("valSubset", String.join(",", in.val().ids()));
        h.put("calibration", in.calib() == null ? "off" : String.join(",", in.calib().ids()));
        h.put("latencyTables", in.tableSha256());
        return h;
    }
}
