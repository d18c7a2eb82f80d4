package dev.edgenas.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The final stage's budget when a run has a target (search --target-speedup, default 2x, within --max-drop points
 * of the pretrained model). Spread screening and the fastest-first focus round answer "the fastest network within
 * the tolerance"; they can spend every epoch on networks that cannot reach the target (a 1.9x network, or one
 * slower than the target that is already within it). With a target, the screening set always holds the most
 * accurate network (by proxy) that the first table puts at least {@link #MARGIN} beyond the target, and when no
 * screened network meets the target after screening, the whole focus budget goes, in one longer run, to the
 * screened network at or beyond the target speed-up with the highest mIoU: the one most likely to get there.
 * When the host can measure (the first table describes it), the target candidate is chosen by measurement instead:
 * a few {@link #probes} are timed before screening and the most accurate whose measured speed-up clears the target
 * plus {@link #TIMER_MARGIN} is screened, because the table was 6 % optimistic for the smallest networks of one
 * seed, more than {@link #MARGIN}. Pure functions over a front, so that the rules are unit-tested without training
 * anything.
 */
final class TargetPlan {
    private TargetPlan() {
    }

    /**
     * How far beyond the target a network's table speed-up must be to be screened as a target candidate: the
     * host's measurement differed from its table by up to ~3 % on the default front and by 6 % for the smallest
     * networks of one seed (docs/SEARCH.md), so a network the table puts at 2.0x may measure 1.9x; where the host
     * can measure, {@link #bestMeasured} decides instead.
     */
    static final double MARGIN = 0.05;

    /**
     * How far beyond the target a MEASURED speed-up must be for the target round to count on it. The timer stops at
     * a 2 % confidence interval of one session's median, but the ratio of two networks moved more than that between
     * processes a few minutes apart on the 2-core VM (one pick: 1.97-2.10x over eleven re-measurements, about 2.5 %
     * one standard deviation with one session per network, 1.5-2 % with three; docs/SEARCH.md), so a network measured
     * at 2.00x may re-measure at 1.95x.
     */
    static final double TIMER_MARGIN = 0.04;

    /** Target candidates timed before screening, by proxy rank (and half as many more among the clearly fast). */
    static final int PROBES = 6;

    /**
     * Speed-up of {@code e} over the pretrained model: measured when both were measured on this host, the first
     * table's prediction otherwise (MACs ratio without tables).
     */
    static double speedup(ParetoEntry e, CandidateScore full, Double fullMs) {
        if (fullMs != null && e.measuredMs() != null) {
            return fullMs / e.measuredMs();
        }
        return full.latencyMs().isEmpty() ? (double) full.macs() / Math.max(1, e.macs())
                : full.latencyMs().get(0) / e.latencyMs().get(0);
    }

    /**
     * The screening set with a target: {@link FinetunePlan#screening} for {@code k} networks, where, unless it
     * already holds one, the network with the highest proxy mIoU among those the table puts at least the target
     * plus {@link #MARGIN} ahead (and whose proxy is at least {@link FinetunePlan#MIN_PROXY_FRACTION} of the
     * full model's) replaces the spread's last pick (k - 1 spread plus it). Indices ascend.
     */
    static List<Integer> screening(List<ParetoEntry> front, CandidateScore full, double target, int k) {
        return screening(front, full, k, bestCandidate(front, full, target));
    }

    /** The screening set with {@code best} (an index, or -1 for none) as the target candidate. */
    static List<Integer> screening(List<ParetoEntry> front, CandidateScore full, int k, int best) {
        List<Integer> spread = FinetunePlan.screening(front, full.genome(), full.miou(), k);
        if (best < 0 || spread.contains(best) || k <= 0) {
            return spread;
        }
        // k - 1 = 0 would mean "all" to FinetunePlan.screening
        List<Integer> out = k == 1 ? new ArrayList<>()
                : new ArrayList<>(FinetunePlan.screening(front, full.genome(), full.miou(), k - 1));
        if (!out.contains(best)) {
            out.add(best);
        }
        out.sort(null);
        return out;
    }

    /** The untuned target candidate with the highest proxy mIoU (table speed-up >= target + margin), or -1. */
    static int bestCandidate(List<ParetoEntry> front, CandidateScore full, double target) {
        List<Integer> best = mostAccurate(front, full, target * (1 + MARGIN), 1);
        return best.isEmpty() ? -1 : best.get(0);
    }

    /**
     * Target candidates to time before screening: the {@link #PROBES} networks with the highest proxy mIoU (at least
     * {@link FinetunePlan#MIN_PROXY_FRACTION} of the full model's) that the first table puts at or beyond the
     * target, and the {@link #PROBES}/2 best of those it puts at least twice {@link #MARGIN} beyond it, so that one
     * that is clearly fast is timed even when the table flatters the others. Indices ascend.
     */
    static List<Integer> probes(List<ParetoEntry> front, CandidateScore full, double target) {
        Set<Integer> out = new TreeSet<>();
        out.addAll(mostAccurate(front, full, target, PROBES));
        out.addAll(mostAccurate(front, full, target * (1 + 2 * MARGIN), PROBES / 2));
        return new ArrayList<>(out);
    }

    /**
     * The {@code n} untuned networks with the highest proxy mIoU (ties: the lower index) among those the first table
     * puts at least {@code speedup} ahead and whose proxy is at least {@link FinetunePlan#MIN_PROXY_FRACTION} of the
     * full model's.
     */
    private static List<Integer> mostAccurate(List<ParetoEntry> front, CandidateScore full, double speedup, int n) {
        List<Integer> c = new ArrayList<>();
        for (int i = 0; i < front.size(); i++) {
            ParetoEntry e = front.get(i);
            if (!e.genome().equals(full.genome()) && speedup(e, full, null) >= speedup
                    && e.proxyMiou() >= FinetunePlan.MIN_PROXY_FRACTION * full.miou()) {
                c.add(i);
            }
        }
        c.sort(Comparator.comparingDouble((Integer i) -> -front.get(i).proxyMiou()));
        return c.subList(0, Math.min(n, c.size()));
    }

    /**
     * The target candidate chosen by measurement: of the {@code probes} timed on this host ({@code measuredMs},
     * with {@code fullMs} the pretrained model's in the same run), the one with the highest proxy mIoU whose
     * measured speed-up clears the target plus {@link #TIMER_MARGIN}; else the best that reaches the target at
     * all; else {@link #bestCandidate} by the table.
     */
    static int bestMeasured(List<ParetoEntry> front, CandidateScore full, double fullMs, Map<Integer, Double> measuredMs,
                            List<Integer> probes, double target) {
        for (double aim : new double[] {target * (1 + TIMER_MARGIN), target}) {
            int best = -1;
            for (int i : probes) {
                Double ms = measuredMs.get(i);
                if (ms != null && fullMs / ms >= aim
                        && (best < 0 || front.get(i).proxyMiou() > front.get(best).proxyMiou())) {
                    best = i;
                }
            }
            if (best >= 0) {
                return best;
            }
        }
        return bestCandidate(front, full, target);
    }

    /** Whether a fine-tuned network is at least {@code target} faster and within {@code maxDrop} of the reference. */
    static boolean met(List<ParetoEntry> entries, CandidateScore full, Double fullMs, double reference, double maxDrop,
                       double target) {
        return entries.stream().anyMatch(e -> e.finalMiou() != null && e.finalMiou() >= reference - maxDrop
                && speedup(e, full, fullMs) >= target);
    }

    /**
     * The network the target round trains further, or -1: of the fine-tuned networks not in {@code done} that are at
     * least {@code target} faster (measured when measured), the one with the highest mIoU, when it is within
     * {@code maxDrop} + {@code reach} of the reference.
     */
    static int next(List<ParetoEntry> entries, CandidateScore full, Double fullMs, double reference, double maxDrop,
                    double reach, double target, Set<Integer> done) {
        int best = -1;
        for (int i = 0; i < entries.size(); i++) {
            ParetoEntry e = entries.get(i);
            if (e.finalMiou() != null && !done.contains(i) && speedup(e, full, fullMs) >= target
                    && (best < 0 || e.finalMiou() > entries.get(best).finalMiou())) {
                best = i;
            }
        }
        return best >= 0 && entries.get(best).finalMiou() >= reference - maxDrop - reach ? best : -1;
    }

    /**
     * The closest network to the target when it is not met: of the fine-tuned networks at least {@code target}
     * faster, the most accurate; -1 when none is that fast (then the pick, the fastest within the tolerance, is the
     * closest from the other side).
     */
    static int nearMiss(List<ParetoEntry> entries, CandidateScore full, Double fullMs, double target) {
        return next(entries, full, fullMs, 1, 0, Double.POSITIVE_INFINITY, target, Set.of());
    }
}
