package dev.edgenas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hypervolume and the non-dominated front (both MOEA Framework's) against small fronts computed by hand. */
class ParetoMathTest {
    private static final double[] UNIT2 = {1, 1};

    @Test
    void hypervolumeOfAStaircaseInTwoObjectives() {
        // sorted by the first objective: (0.5-0.2)*(1-0.8) + (0.8-0.5)*(1-0.5) + (1-0.8)*(1-0.2) = 0.06 + 0.15 + 0.16
        List<double[]> front = new ArrayList<>(List.of(new double[] {0.2, 0.8}, new double[] {0.5, 0.5},
                new double[] {0.8, 0.2}));
        assertEquals(0.37, Hypervolume.of(front, UNIT2), 1e-12);
        front.add(new double[] {0.6, 0.6}); // dominated by (0.5, 0.5): adds nothing
        front.add(new double[] {1.2, 0.1}); // beyond the reference point: adds nothing
        assertEquals(0.37, Hypervolume.of(front, UNIT2), 1e-12);
    }

    @Test
    void hypervolumeAgainstANonUnitReferencePoint() {
        assertEquals(0.6 * 0.6, Hypervolume.of(List.of(new double[] {0.5, 0.5}), new double[] {1.1, 1.1}), 1e-12);
        assertEquals(1.0 * 0.5, Hypervolume.of(List.of(new double[] {0.1, 0.6}), new double[] {1.1, 1.1}), 1e-12);
        assertEquals(0, Hypervolume.of(List.of(), new double[] {1.1, 1.1}));
    }

    @Test
    void hypervolumeInThreeObjectivesIsTheUnionOfBoxes() {
        // boxes 0.5^3 = 0.125 and 0.8*0.2*0.2 = 0.032 overlap in 0.5*0.2*0.2 = 0.02
        List<double[]> front = List.of(new double[] {0.5, 0.5, 0.5}, new double[] {0.2, 0.8, 0.8});
        assertEquals(0.137, Hypervolume.of(front, new double[] {1, 1, 1}), 1e-12);
    }

    private static CandidateScore score(String genome, double miou, double latencyMs) {
        return new CandidateScore(genome, miou, List.of(latencyMs), 0, 0, 0);
    }

    @Test
    void frontKeepsTheNonDominatedOncePerGenomeFastestFirst() {
        Objectives obj = new Objectives(score("full", 0.80, 10)); // objectives: (1 - mIoU, latency / 10 ms)
        List<CandidateScore> all = List.of(
                score("a", 0.70, 5),   // (0.30, 0.5)  front
                score("b", 0.60, 6),   // (0.40, 0.6)  dominated by a
                score("c", 0.75, 8),   // (0.25, 0.8)  front
                score("d", 0.50, 2),   // (0.50, 0.2)  front
                score("e", 0.70, 5),   // (0.30, 0.5)  ties with a: a different genome stays
                score("a", 0.70, 5),   // the same genome again: once
                score("f", 0.75, 9));  // (0.25, 0.9)  dominated by c (equal error, slower)
        List<String> front = obj.front(all).stream().map(CandidateScore::genome).toList();
        assertEquals(List.of("d", "a", "e", "c"), front);
        // hypervolume of that front, reference 1.1: by latency (0.2..0.5)*(1.1-0.5) + (0.5..0.8)*(1.1-0.3) + (0.8..1.1)*(1.1-0.25)
        assertEquals(0.3 * 0.6 + 0.3 * 0.8 + 0.3 * 0.85, obj.hypervolume(obj.front(all)), 1e-12);
    }
}
