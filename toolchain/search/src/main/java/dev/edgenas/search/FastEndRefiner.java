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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Spends the last part of the search budget where the front is thin. NSGA-II's crowding distance spreads its
 * population evenly, but the networks the final pick needs sit at the fast end (2x and more), where cut networks
 * lose accuracy quickly and the front has few points. Each round takes the faster half of the current front,
 * weights every member by the gap to its neighbours in normalised (error, latency) space, and scores mutants (one
 * or two genes changed) of members drawn by that weight; the rounds continue the generation count, so the
 * hypervolume history shows what they added.
 */
public final class FastEndRefiner {
    public static final int ROUNDS = 6;

    private FastEndRefiner() {
    }

    static SearchAlgorithms.Result refine(SearchSpace space, boolean fixBackbone, ScoreStore store, Objectives obj,
                                          SearchAlgorithms.Result nsga, int budget, long seed,
                                          ExecutorService executor, SearchAlgorithms.Listener listener) {
        Set<String> seen = new LinkedHashSet<>(nsga.candidates());
        List<Double> hv = new ArrayList<>(nsga.hypervolume());
        List<Integer> distinct = new ArrayList<>(nsga.distinct());
        SplittableRandom rng = new SplittableRandom(seed + 2000);
        int spent = 0;
        for (int round = 0; round < ROUNDS && spent < budget; round++) {
            int want = Math.max(1, (budget - spent + ROUNDS - round - 1) / (ROUNDS - round));
            List<CandidateScore> front = obj.front(SearchAlgorithms.scores(store, seen));
            if (front.isEmpty()) {
                break; // nothing scored fits (--memory-budget): no fast end to refine
            }
            List<CandidateScore> fast = front.subList(0, Math.max(1, (front.size() + 1) / 2));
            double[] weight = gaps(obj, fast, front);
            Map<String, Genome> children = new LinkedHashMap<>();
            for (long tries = 0; children.size() < want && tries < 200L * Math.max(1, want); tries++) {
                Genome parent = Genome.parse(fast.get(draw(weight, rng)).genome());
                Genome child = mutate(space, parent, 1 + rng.nextInt(2), rng);
                child = space.canonical(fixBackbone ? space.fixBackbone(child) : child);
                if (!seen.contains(child.key())) {
                    children.putIfAbsent(child.key(), child);
                }
            }
            if (children.isEmpty()) {
                break;
            }
            List<Future<CandidateScore>> fs = new ArrayList<>();
            for (Genome g : children.values()) {
                fs.add(executor.submit(() -> store.score(g)));
            }
            fs.forEach(SearchAlgorithms::join);
            seen.addAll(children.keySet());
            spent += children.size();
            hv.add(obj.hypervolume(obj.front(SearchAlgorithms.scores(store, seen))));
            distinct.add(seen.size());
            if (listener != null) {
                listener.generation(hv.size() - 1, seen.size(), hv.get(hv.size() - 1));
            }
        }
        return new SearchAlgorithms.Result(List.copyOf(seen), obj.front(SearchAlgorithms.scores(store, seen)), hv,
                distinct, nsga.hypervolume().size());
    }

    /** Per member of {@code fast}: the distance between its neighbours on the whole front (its gap), at least a little. */
    static double[] gaps(Objectives obj, List<CandidateScore> fast, List<CandidateScore> front) {
        double[] w = new double[fast.size()];
        for (int i = 0; i < fast.size(); i++) {
            double[] a = obj.of(front.get(Math.max(0, i - 1)));
            double[] b = obj.of(front.get(Math.min(front.size() - 1, i + 1)));
            double d = 0;
            for (int k = 0; k < 2; k++) {
                d += (a[k] - b[k]) * (a[k] - b[k]);
            }
            w[i] = Math.sqrt(d) + 1e-3;
        }
        return w;
    }

    private static int draw(double[] w, SplittableRandom rng) {
        double total = 0;
        for (double x : w) {
            total += x;
        }
        double r = rng.nextDouble() * total;
        for (int i = 0; i < w.length; i++) {
            r -= w[i];
            if (r <= 0) {
                return i;
            }
        }
        return w.length - 1;
    }

    private static Genome mutate(SearchSpace space, Genome g, int genes, SplittableRandom rng) {
        Genome out = g;
        for (int k = 0; k < genes; k++) {
            int i = rng.nextInt(space.choices().size());
            int options = space.choices().get(i).options();
            if (options > 1) {
                int o = rng.nextInt(options - 1);
                out = out.with(i, o >= out.get(i) ? o + 1 : o);
            }
        }
        return out;
    }
}
