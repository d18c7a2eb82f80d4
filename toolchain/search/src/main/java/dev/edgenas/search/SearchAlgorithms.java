package dev.edgenas.search;

import dev.edgenas.models.space.Genome;
import dev.edgenas.models.space.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.moeaframework.algorithm.NSGAII;
import org.moeaframework.core.PRNG;
import org.moeaframework.core.Solution;
import org.moeaframework.core.initialization.InjectedInitialization;
import org.moeaframework.parallel.DistributedProblem;

/** NSGA-II and the random-sampling baseline over one shared, journalled {@link ScoreStore}. */
public final class SearchAlgorithms {
    /** Called after every generation (generation 0 = the initial population). */
    public interface Listener {
        void generation(int generation, int distinctEvaluated, double hypervolume);
    }

    /**
     * @param candidates  distinct genomes the algorithm scored (NSGA-II: every offspring, not only the survivors)
     * @param front       its Pareto front over them
     * @param hypervolume per generation (index 0 = initial population); a single value for random search
     * @param distinct    distinct networks scored by the end of each generation (same indices)
     * @param nsga2Generations how many of those generations NSGA-II ran (the rest are {@link FastEndRefiner} rounds)
     */
    public record Result(List<String> candidates, List<CandidateScore> front, List<Double> hypervolume,
                         List<Integer> distinct, int nsga2Generations) {
        public double finalHypervolume() {
            return hypervolume.get(hypervolume.size() - 1);
        }
    }

    private SearchAlgorithms() {
    }

    /** @param fixBackbone keep the pretrained backbone: search the ASPP and decoder only */
    public static Result nsga2(SearchSpace space, boolean fixBackbone, ScoreStore store, Objectives obj, int population,
                               int generations, long seed, ExecutorService executor, Listener listener) {
        PRNG.setSeed(seed);
        SearchProblem problem = new SearchProblem(space, fixBackbone, store, obj);
        Set<String> seen = new LinkedHashSet<>();
        List<Double> hv = new ArrayList<>();
        List<Integer> distinct = new ArrayList<>();
        try (DistributedProblem distributed = new DistributedProblem(problem, executor, false)) {
            NSGAII nsga = new NSGAII(distributed);
            nsga.setInitialPopulationSize(population);
            List<Solution> injected = new ArrayList<>();
            for (Genome g : ladder(space, fixBackbone)) {
                injected.add(problem.encode(distributed.newSolution(), g));
            }
            nsga.setInitialization(new InjectedInitialization(distributed, injected));
            for (int gen = 0; gen <= generations; gen++) {
                nsga.step();
                // DistributedProblem scores asynchronously and the initial population's objectives are only read
                // later: read them now, so that every evaluation of this generation has finished
                for (Solution s : nsga.getPopulation()) {
                    s.getObjectiveValues();
                }
                // every network scored counts (and may be on the front), not only the survivors; sorted, so that the
                // order does not depend on which thread scored what
                new java.util.TreeSet<>(problem.evaluated()).forEach(seen::add);
                List<CandidateScore> scores = scores(store, seen);
                hv.add(obj.hypervolume(obj.front(scores)));
                distinct.add(seen.size());
                if (listener != null) {
                    listener.generation(gen, seen.size(), hv.get(hv.size() - 1));
                }
            }
        }
        List<String> cands = List.copyOf(seen);
        return new Result(cands, obj.front(scores(store, seen)), hv, distinct, hv.size());
    }

    /** Uniform random genomes until {@code budget} distinct networks are scored (in parallel). */
    public static Result random(SearchSpace space, boolean fixBackbone, ScoreStore store, Objectives obj, int budget,
                                long seed, ExecutorService executor) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, Genome> picked = new LinkedHashMap<>();
        for (Genome g : ladder(space, fixBackbone)) {
            picked.putIfAbsent(g.key(), g); // the same start as NSGA-II, so that only the search differs
        }
        long attempts = 0;
        while (picked.size() < budget && attempts++ < 1000L * budget) {
            Genome g = fixBackbone ? space.fixBackbone(space.sample(rng)) : space.sample(rng);
            picked.putIfAbsent(g.key(), g);
        }
        List<Future<CandidateScore>> futures = new ArrayList<>();
        for (Genome g : picked.values()) {
            futures.add(executor.submit(() -> store.score(g)));
        }
        for (Future<CandidateScore> f : futures) {
            join(f);
        }
        List<CandidateScore> scores = scores(store, picked.keySet());
        return new Result(List.copyOf(picked.keySet()), obj.front(scores), List.of(obj.hypervolume(obj.front(scores))),
                List.of(picked.size()), 0);
    }

    /**
     * The uniform-shrink ladder both searches start from: the pretrained network (every choice at option 0) and
     * the networks with every choice at option 1 and at option 2 (or its last option), i.e. roughly 0.75 and 0.5
     * of every width, one block fewer per stage. Uniform sampling alone almost never lands near the full network,
     * where the accurate subnetworks are; these three anchor that end of the front.
     */
    static List<Genome> ladder(SearchSpace space, boolean fixBackbone) {
        List<Genome> out = new ArrayList<>();
        for (int level = 0; level < 3; level++) {
            int[] c = new int[space.choices().size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = Math.min(level, space.choices().get(i).options() - 1);
            }
            Genome g = space.canonical(new Genome(c));
            out.add(fixBackbone ? space.fixBackbone(g) : g);
        }
        return out;
    }

    static List<CandidateScore> scores(ScoreStore store, Set<String> keys) {
        List<CandidateScore> out = new ArrayList<>();
        for (String k : keys) {
            out.add(store.score(Genome.parse(k)));
        }
        return out;
    }

    static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
