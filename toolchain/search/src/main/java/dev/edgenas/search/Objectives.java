package dev.edgenas.search;

import java.util.ArrayList;
import java.util.List;
import org.moeaframework.core.Solution;
import org.moeaframework.core.population.NondominatedPopulation;

/**
 * The minimised objectives of a candidate, normalised the same way in every run: error = 1 - proxy mIoU, and
 * per latency table the latency divided by the full model's (or MACs over the full model's when no table is
 * given). Hypervolume uses the fixed reference point {@value #REFERENCE} on every axis, so fronts of different
 * algorithms and seeds compare directly.
 */
public record Objectives(CandidateScore full) {
    public static final double REFERENCE = 1.1;
    private static final String INDEX = "edgenas.index";

    public int count() {
        return 1 + Math.max(1, full.latencyMs().size());
    }

    public double[] of(CandidateScore s) {
        double[] o = new double[count()];
        o[0] = 1 - s.miou();
        if (full.latencyMs().isEmpty()) {
            o[1] = (double) s.macs() / full.macs();
        } else {
            for (int t = 0; t < full.latencyMs().size(); t++) {
                o[t + 1] = s.latencyMs().get(t) / full.latencyMs().get(t);
            }
        }
        if (!s.fitsMemory()) {
            // over the memory budget: beyond the reference point on every axis, dominated by every fitting candidate
            for (int i = 0; i < o.length; i++) {
                o[i] += REFERENCE;
            }
        }
        return o;
    }

    public double[] reference() {
        double[] r = new double[count()];
        java.util.Arrays.fill(r, REFERENCE);
        return r;
    }

    public double hypervolume(List<CandidateScore> scores) {
        List<double[]> pts = new ArrayList<>();
        scores.forEach(s -> pts.add(of(s)));
        return Hypervolume.of(pts, reference());
    }

    /**
     * The non-dominated scores (MOEA Framework's {@link NondominatedPopulation}, Pareto dominance), one per
     * genome (the first given), sorted by the second objective (fastest first). Candidates over the memory budget
     * are left out.
     */
    public List<CandidateScore> front(java.util.Collection<CandidateScore> scores) {
        List<CandidateScore> all = new ArrayList<>(scores);
        all.removeIf(s -> !s.fitsMemory()); // a network whose memory plan does not fit is never on the front
        // keep scores with equal objectives (different genomes can tie): genomes are de-duplicated below
        NondominatedPopulation nd = new NondominatedPopulation(NondominatedPopulation.DuplicateMode.ALLOW_DUPLICATES);
        for (int i = 0; i < all.size(); i++) {
            Solution s = solution(of(all.get(i)));
            s.setAttribute(INDEX, i);
            nd.add(s);
        }
        List<Integer> kept = new ArrayList<>();
        nd.forEach(s -> kept.add((Integer) s.getAttribute(INDEX)));
        java.util.Collections.sort(kept);
        List<CandidateScore> out = new ArrayList<>();
        java.util.Set<String> genomes = new java.util.HashSet<>();
        for (int i : kept) {
            if (genomes.add(all.get(i).genome())) {
                out.add(all.get(i));
            }
        }
        out.sort(java.util.Comparator.comparingDouble((CandidateScore s) -> of(s)[1]).thenComparing(CandidateScore::genome));
        return out;
    }

    /** A MOEA Framework solution holding only these (minimised) objective values. */
    static Solution solution(double[] objectives) {
        Solution s = new Solution(0, objectives.length);
        s.setObjectiveValues(objectives);
        return s;
    }
}
