package dev.edgenas.search;

import dev.edgenas.models.space.Genome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark behind scripts/bench-search.sh. Args: MODEL DATA OUT EVALS SEEDS [TABLE...]. Prints candidate
 * evaluations per second on all cores, the projected wall time of 1,000 evaluations, and NSGA-II vs random
 * hypervolume at equal budget for each seed (journals under OUT, so a rerun is fast).
 */
public final class SearchBench {
    private SearchBench() {
    }

    public static void main(String[] args) throws Exception {
        SearchOptions o = new SearchOptions();
        o.model = Path.of(args[0]);
        o.data = Path.of(args[1]);
        Path out = Path.of(args[2]);
        int evals = Integer.parseInt(args[3]);
        int seeds = Integer.parseInt(args[4]);
        for (int i = 5; i < args.length; i++) {
            o.latencyTables.add(Path.of(args[i]));
        }
        o.finetuneEpochs = 0;
        o.progress = false;
        o.out = out.resolve("throughput");
        Files.createDirectories(o.out);
        SearchRunner.Setup s = SearchRunner.setup(o);
        ExecutorService pool = Executors.newFixedThreadPool(o.effectiveThreads());
        SplittableRandom rng = new SplittableRandom(99);
        List<Genome> gs = new ArrayList<>();
        for (int i = 0; i < evals; i++) {
            gs.add(s.evaluator().space().sample(rng));
        }
        long t0 = System.nanoTime();
        List<Future<CandidateScore>> fs = new ArrayList<>();
        for (Genome g : gs) {
            fs.add(pool.submit(() -> s.evaluator().evaluate(g)));
        }
        for (Future<CandidateScore> f : fs) {
            f.get();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        System.out.printf("evaluations/s: %.2f (%d candidates, %d threads, val subset %d, BN recalibration on %d images)%n",
                evals / secs, evals, o.effectiveThreads(), o.valSubset, o.calibImages);
        System.out.printf("projected wall time for 1000 evaluations: %.0f s%n", 1000 * secs / evals);
        for (int seed = 1; seed <= seeds; seed++) {
            SearchOptions so = copy(o);
            so.seed = seed;
            so.out = out.resolve("seed" + seed);
            so.resume = Files.exists(so.out.resolve("journal.jsonl"));
            SearchRunner.Outcome r = SearchRunner.run(so, null);
            System.out.printf("seed %d: hypervolume NSGA-II %.4f  random %.4f  margin %+.4f  (%d candidates each)%n",
                    seed, r.nsga2().finalHypervolume(), r.random().finalHypervolume(),
                    r.nsga2().finalHypervolume() - r.random().finalHypervolume(), r.nsga2().candidates().size());
            double fullMiou = r.full().miou();
            double best = 0;
            for (CandidateScore c : r.nsga2().front()) {
                if (fullMiou - c.miou() <= 0.03 && !c.latencyMs().isEmpty()) {
                    best = Math.max(best, r.full().latencyMs().get(0) / c.latencyMs().get(0));
                }
            }
            if (!o.latencyTables.isEmpty()) {
                System.out.printf("seed %d: best latency ratio at <= 3 points proxy mIoU loss: %.2fx%n", seed, best);
            }
        }
    }

    private static SearchOptions copy(SearchOptions o) {
        SearchOptions c = new SearchOptions();
        c.model = o.model;
        c.data = o.data;
        c.latencyTables = o.latencyTables;
        c.valSubset = o.valSubset;
        c.calibImages = o.calibImages;
        c.population = o.population;
        c.generations = o.generations;
        c.finetuneEpochs = 0;
        c.progress = false;
        return c;
    }
}
