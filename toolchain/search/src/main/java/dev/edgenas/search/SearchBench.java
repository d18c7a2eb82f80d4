package dev.edgenas.search;

import dev.edgenas.models.space.Genome;
import dev.edgenas.models.space.SearchSpace;
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
 * evaluations per second (random genomes; head-only genomes with and without the feature cache), the wall time of
 * 1,000 evaluations extrapolated from that, and NSGA-II vs random hypervolume at equal budget for each seed
 * (journals under OUT, so a rerun is fast). {@link RankFidelity} and {@link FrontCheck} print the rest.
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
        System.out.printf("machine: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(),
                dev.edgenas.core.HostInfo.loadAverage());
        SearchRunner.Setup s = SearchRunner.setup(o);
        SearchSpace space = s.evaluator().space();
        SplittableRandom rng = new SplittableRandom(99);
        List<Genome> any = new ArrayList<>();
        List<Genome> heads = new ArrayList<>();
        for (int i = 0; i < evals; i++) {
            any.add(space.sample(rng));
            heads.add(space.fixBackbone(space.sample(rng)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(o.effectiveThreads());
        double anyRate = rate(pool, s.evaluator(), any);
        double headPlain = rate(pool, s.evaluator(), heads);
        long t0 = System.nanoTime();
        CandidateEvaluator cached = s.evaluator().withFeatureCache();
        double build = (System.nanoTime() - t0) / 1e9;
        double headCached = rate(pool, cached, heads);
        pool.shutdown();
        String setting = String.format("%d threads, val subset %d, BN recalibration on %d images", o.effectiveThreads(),
                o.valSubset, o.calibImages);
        System.out.printf("evaluations/s, random genomes (full evaluation): %.2f (%d candidates, %s)%n", anyRate, evals,
                setting);
        System.out.printf("evaluations/s, head-only genomes without the feature cache: %.2f%n", headPlain);
        System.out.printf("evaluations/s, head-only genomes with the feature cache: %.2f (%.1fx; cache built in %.1f s, "
                + "%.1f MB)%n", headCached, headCached / headPlain, build, cached.cacheBytes() / 1e6);
        System.out.printf("wall time for 1000 evaluations (EXTRAPOLATED from the rates above): %.0f s full, %.0f s "
                + "head-only cached%n", 1000 / anyRate, 1000 / headCached);
        System.out.printf("load average after throughput: %s%n", dev.edgenas.core.HostInfo.loadAverage());
        double sumMargin = 0;
        for (int seed = 1; seed <= seeds; seed++) {
            SearchOptions so = copy(o);
            so.seed = seed;
            so.out = out.resolve("seed" + seed);
            so.resume = Files.exists(so.out.resolve("journal.jsonl"));
            SearchRunner.Outcome r = SearchRunner.run(so, null);
            double margin = r.nsga2().finalHypervolume() - r.random().finalHypervolume();
            sumMargin += margin;
            System.out.printf("seed %d: hypervolume NSGA-II %.4f  random %.4f  margin %+.4f  (%d candidates each; "
                    + "%d distinct networks scored in all)%n", seed, r.nsga2().finalHypervolume(),
                    r.random().finalHypervolume(), margin, r.nsga2().candidates().size(), SearchOutputs.distinctTotal(r));
            if (!o.latencyTables.isEmpty()) {
                double fullMiou = r.full().miou();
                double best = 0;
                for (CandidateScore c : r.nsga2().front()) {
                    if (fullMiou - c.miou() <= 0.03) {
                        best = Math.max(best, r.full().latencyMs().get(0) / c.latencyMs().get(0));
                    }
                }
                System.out.printf("seed %d: best PREDICTED latency ratio at <= 3 points PROXY mIoU loss: %.2fx%n", seed,
                        best);
            }
        }
        System.out.printf("mean hypervolume margin NSGA-II - random over %d seeds: %+.4f (load %s)%n", seeds,
                sumMargin / seeds, dev.edgenas.core.HostInfo.loadAverage());
    }

    private static double rate(ExecutorService pool, CandidateEvaluator ev, List<Genome> gs) throws Exception {
        long t0 = System.nanoTime();
        List<Future<CandidateScore>> fs = new ArrayList<>();
        for (Genome g : gs) {
            fs.add(pool.submit(() -> ev.evaluate(g)));
        }
        for (Future<CandidateScore> f : fs) {
            f.get();
        }
        return gs.size() / ((System.nanoTime() - t0) / 1e9);
    }

    static SearchOptions copy(SearchOptions o) {
        SearchOptions c = new SearchOptions();
        c.model = o.model;
        c.data = o.data;
        c.latencyTables = o.latencyTables;
        c.valSubset = o.valSubset;
        c.calibImages = o.calibImages;
        c.population = o.population;
        c.generations = o.generations;
        c.fastEndShare = o.fastEndShare;
        c.distinctShare = o.distinctShare;
        c.finetuneEpochs = 0;
        c.progress = false;
        return c;
    }
}
