package dev.edgenas.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The minimised objectives of a candidate, normalised the same way in every run: error = 1 - proxy mIoU, and
 * per latency table the latency divided by the full model's (or MACs over the full model's when no table is
 * given). Hypervolume uses the fixed reference point {@value #REFERENCE} on every axis, so fronts of different
 * algorithms and seeds compare directly.
 */
public record Objectives(CandidateScore full) {
    public static final double REFERENCE = 1.1;

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

    /** The non-dominated scores, sorted by the second objective (fastest first). */
    public List<CandidateScore> front(java.util.Collection<CandidateScore> scores) {
        List<CandidateScore> all = new ArrayList<>(scores);
        List<CandidateScore> out = new ArrayList<>();
        for (CandidateScore a : all) {
            double[] oa = of(a);
            boolean dominated = false;
            for (CandidateScore b : all) {
                if (b != a && dominates(of(b), oa)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated && out.stream().noneMatch(x -> x.genome().equals(a.genome()))) {
                out.add(a);
            }
        }
        out.sort(java.util.Comparator.comparingDouble((CandidateScore s) -> of(s)[1]).thenComparing(CandidateScore::genome));
        return out;
    }

    static boolean dominates(double[] a, double[] b) {
        boolean strictly = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] > b[i]) {
                return false;
            }
            strictly |= a[i] < b[i];
        }
        return strictly;
    }
}
