package dev.edgenas.search;

import java.util.Arrays;
import java.util.List;
import org.moeaframework.core.Solution;
import org.moeaframework.core.indicator.Normalizer;
import org.moeaframework.core.population.NondominatedPopulation;
import org.moeaframework.problem.AbstractProblem;

/**
 * Hypervolume of a set of minimisation points against a fixed reference point, computed by MOEA Framework's
 * indicator. Callers normalise objectives the same way in every run (see {@link Objectives}), so values
 * compare across runs and algorithms; this class only maps the box [0, reference] onto MOEA's unit box
 * and back, so the value is the plain dominated volume in objective units.
 */
public final class Hypervolume {
    private Hypervolume() {
    }

    /**
     * @param points    minimisation points, every objective >= 0
     * @param reference the reference point; points not strictly inside it add nothing
     */
    public static double of(List<double[]> points, double[] reference) {
        int m = reference.length;
        NondominatedPopulation front = new NondominatedPopulation(NondominatedPopulation.DuplicateMode.ALLOW_DUPLICATES);
        for (double[] p : points) {
            if (p.length != m) {
                throw new IllegalArgumentException("point has " + p.length + " objectives, reference " + m);
            }
            front.add(Objectives.solution(p));
        }
        double[] zero = new double[m];
        org.moeaframework.core.indicator.Hypervolume hv = new org.moeaframework.core.indicator.Hypervolume(
                new ObjectivesOnly(m), Normalizer.of(zero, reference));
        double box = Arrays.stream(reference).reduce(1, (a, b) -> a * b);
        return front.isEmpty() ? 0 : hv.evaluate(front) * box;
    }

    /** What MOEA's indicator needs of a problem: the number of objectives (nothing is evaluated). */
    static final class ObjectivesOnly extends AbstractProblem {
        ObjectivesOnly(int objectives) {
            super(0, objectives);
        }

        @Override
        public void evaluate(Solution solution) {
            throw new UnsupportedOperationException("objective values only");
        }

        @Override
        public Solution newSolution() {
            return new Solution(0, getNumberOfObjectives());
        }
    }
}
