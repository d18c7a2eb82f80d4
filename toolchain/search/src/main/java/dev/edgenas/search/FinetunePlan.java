package dev.edgenas.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which Pareto networks the final stage fine-tunes. Two rounds, because fine-tuning is the expensive part of a run
 * and its value is uneven: the screening round gives a few networks spread over the front the same short budget
 * (their results are comparable, so the proxy's rank correlation is computed on them); the focus round spends more
 * only where it can move the answer people want from a search, the fastest network within an accuracy tolerance
 * of the pretrained model: on the fastest screened networks that are faster than the fastest one already within
 * it and not hopelessly far below it, one at a time.
 */
final class FinetunePlan {
    private FinetunePlan() {
    }

    /** Proxy mIoU, as a fraction of the full model's, below which a cut network is not worth screening. */
    static final double MIN_PROXY_FRACTION = 0.4;

    /**
     * Screening set: {@code k} networks other than the pretrained one ({@code fullGenome}) whose proxy mIoU is at
     * least {@link #MIN_PROXY_FRACTION} of the full model's, spread evenly over their cost range on a log scale, i.e.
     * evenly in speed-up (each target takes the nearest network not yet taken), so that both the fast and the
     * accurate end are screened whatever the density of the front; topped up with the most accurate others when
     * fewer qualify; all networks but the pretrained one when k is 0. The fast end of a front is mostly networks
     * that cutting has broken beyond what a short fine-tuning repairs. Indices ascend.
     */
    static List<Integer> screening(List<ParetoEntry> front, String fullGenome, double fullProxy, int k) {
        List<Integer> out = new ArrayList<>();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < front.size(); i++) {
            if (!front.get(i).genome().equals(fullGenome)) {
                candidates.add(i);
            }
        }
        if (k <= 0 || k >= candidates.size()) {
            return candidates;
        }
        List<Integer> eligible = new ArrayList<>();
        for (int i : candidates) {
            if (front.get(i).proxyMiou() >= MIN_PROXY_FRACTION * fullProxy) {
                eligible.add(i);
            }
        }
        eligible.sort(Comparator.comparingDouble(i -> front.get(i).cost()));
        if (eligible.size() <= k) {
            out.addAll(eligible);
        } else {
            double lo = Math.log(front.get(eligible.get(0)).cost());
            double hi = Math.log(front.get(eligible.get(eligible.size() - 1)).cost());
            for (int j = 0; j < k; j++) {
                double target = k == 1 ? hi : lo + j * (hi - lo) / (k - 1);
                Integer best = null;
                for (int i : eligible) {
                    if (!out.contains(i) && (best == null || Math.abs(Math.log(front.get(i).cost()) - target)
                            < Math.abs(Math.log(front.get(best).cost()) - target))) {
                        best = i;
                    }
                }
                out.add(best);
            }
        }
        List<Integer> rest = new ArrayList<>();
        for (int i : candidates) {
            if (!out.contains(i)) {
                rest.add(i);
            }
        }
        rest.sort(Comparator.comparingDouble((Integer i) -> -front.get(i).proxyMiou()));
        for (int i = 0; out.size() < k && i < rest.size(); i++) {
            out.add(rest.get(i));
        }
        out.sort(null);
        return out;
    }

    /**
     * The next network for the focus round, or -1: of the screened networks not focused yet that are faster than the
     * fastest fine-tuned one within {@code maxDrop} of {@code reference} (all, when none is) and whose mIoU is within
     * {@code maxDrop} + {@code reach} of it, the fastest. Called again after each focused network, so that a
     * network that joins the tolerance raises the bar and slower candidates are skipped. Speed is {@link #speed}.
     */
    static int nextFocus(List<ParetoEntry> entries, double reference, double maxDrop, double reach,
                         Set<Integer> focused) {
        int within = pick(entries, reference, maxDrop);
        double bar = within < 0 ? Double.POSITIVE_INFINITY : speed(entries.get(within));
        int best = -1;
        for (int i = 0; i < entries.size(); i++) {
            ParetoEntry e = entries.get(i);
            if (e.finalMiou() != null && !focused.contains(i) && speed(e) < bar
                    && e.finalMiou() >= reference - maxDrop - reach
                    && (best == -1 || speed(e) < speed(entries.get(best)))) {
                best = i;
            }
        }
        return best;
    }

    /**
     * The fastest fine-tuned network within {@code maxDrop} of {@code reference}, or -1 when none is. Speed is
     * {@link #speed}.
     */
    static int pick(List<ParetoEntry> entries, double reference, double maxDrop) {
        int best = -1;
        for (int i = 0; i < entries.size(); i++) {
            ParetoEntry e = entries.get(i);
            if (e.finalMiou() != null && e.finalMiou() >= reference - maxDrop
                    && (best == -1 || speed(e) < speed(entries.get(best)))) {
                best = i;
            }
        }
        return best;
    }

    /** Measured latency when the network was measured, the search's cost otherwise. */
    static double speed(ParetoEntry e) {
        return e.measuredMs() != null ? e.measuredMs() : e.cost();
    }

    /**
     * Indices of {@code k} positions spread evenly over {@code n} (both ends included); all of them when k is 0 or
     * at least n.
     */
    static List<Integer> spread(int n, int k) {
        List<Integer> out = new ArrayList<>();
        if (k <= 0 || k >= n) {
            for (int i = 0; i < n; i++) {
                out.add(i);
            }
            return out;
        }
        for (int j = 0; j < k; j++) {
            int i = k == 1 ? n - 1 : (int) Math.round((double) j * (n - 1) / (k - 1));
            if (!out.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }
}
