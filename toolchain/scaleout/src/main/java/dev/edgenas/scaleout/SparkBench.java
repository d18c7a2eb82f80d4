package dev.edgenas.scaleout;

import dev.edgenas.models.space.Genome;
import dev.edgenas.models.space.SearchSpace;
import dev.edgenas.search.CandidateEvaluator;
import dev.edgenas.search.CandidateScore;
import dev.edgenas.search.EvaluationEngine;
import dev.edgenas.search.SearchOptions;
import dev.edgenas.search.SearchRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Benchmark behind {@code scripts/bench-search.sh --engine spark}. Args: MODEL DATA MASTER EVALS POPULATION
 * [TABLE...]. Prints, for the same random genomes: evaluations/s of the local engine (1 and 2 threads, the
 * baseline of the same run) and of Spark on MASTER; the Spark engine's start-up (context + first scores, which
 * start the executors), its overhead per evaluation (wall time of one evaluation minus the time measured inside
 * the task, serial) and per generation (a generation's POPULATION evaluations in flight at once: wall time minus
 * the task time divided by the executors' cores).
 */
public final class SparkBench {
    private SparkBench() {
    }

    public static void main(String[] args) throws Exception {
        SearchOptions o = new SearchOptions();
        o.model = Path.of(args[0]);
        o.data = Path.of(args[1]);
        String master = args[2];
        int evals = Integer.parseInt(args[3]);
        o.population = Integer.parseInt(args[4]);
        for (int i = 5; i < args.length; i++) {
            o.latencyTables.add(Path.of(args[i]));
        }
        o.progress = false;
        SearchRunner.Setup s = SearchRunner.setup(o);
        SearchSpace space = s.evaluator().space();
        SplittableRandom rng = new SplittableRandom(99);
        List<Genome> genomes = new ArrayList<>();
        for (int i = 0; i < evals; i++) {
            genomes.add(space.canonical(space.sample(rng)));
        }
        CandidateEvaluator local = s.evaluator();
        local.evaluate(genomes.get(0)); // ONNX Runtime's start-up is not part of a rate
        for (int threads : new int[] {1, 2}) {
            double[] r = rate(local::evaluate, genomes, threads);
            System.out.printf("local engine, %d thread(s): %.2f evaluations/s (%d evaluations, mean task %.3f s)%n",
                    threads, r[0], evals, r[1]);
        }
        long t0 = System.nanoTime();
        try (EvaluationEngine spark = new SparkEngineProvider().open(o, s, Map.of("master", master))) {
            int warm = Math.min(genomes.size(), 4);
            rate(spark::evaluate, genomes.subList(0, warm), warm); // starts the executors
            double startup = (System.nanoTime() - t0) / 1e9;
            int cores = ((SparkSearchEngine) spark).cores(); // registered by now
            double[] r = rate(spark::evaluate, genomes, spark.parallelism());
            System.out.printf("spark engine on %s (%d executor cores): %.2f evaluations/s (%d evaluations, mean task "
                    + "%.3f s); start-up %.1f s (context, executors, first %d scores)%n", master, cores, r[0], evals,
                    r[1], startup, warm);
            double over = 0;
            int n = Math.min(8, genomes.size());
            for (Genome g : genomes.subList(0, n)) {
                long a = System.nanoTime();
                CandidateScore sc = spark.evaluate(g);
                over += (System.nanoTime() - a) / 1e9 - sc.seconds();
            }
            System.out.printf("spark overhead per evaluation (serial, %d evaluations): %.3f s%n", n, over / n);
            List<Genome> gen = new ArrayList<>();
            for (int i = 0; i < o.population; i++) {
                gen.add(genomes.get(i % genomes.size()));
            }
            double[] g = rate(spark::evaluate, gen, spark.parallelism());
            double wall = gen.size() / g[0];
            double ideal = gen.size() * g[1] / cores;
            System.out.printf("spark generation of %d: %.2f s wall, %.2f s of task time per core: overhead %.2f s per "
                    + "generation%n", gen.size(), wall, ideal, wall - ideal);
        }
    }

    /** {evaluations/s, mean task seconds} with {@code threads} evaluations in flight. */
    static double[] rate(Function<Genome, CandidateScore> eval, List<Genome> genomes, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            List<Future<CandidateScore>> fs = new ArrayList<>();
            for (Genome g : genomes) {
                fs.add(pool.submit(() -> eval.apply(g)));
            }
            double task = 0;
            for (Future<CandidateScore> f : fs) {
                task += f.get().seconds();
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            return new double[] {genomes.size() / wall, task / genomes.size()};
        } finally {
            pool.shutdown();
        }
    }
}
