package dev.edgenas.search;

import dev.edgenas.models.space.Choice;
import dev.edgenas.models.space.Genome;
import dev.edgenas.models.space.SearchSpace;
import java.util.List;
import org.moeaframework.core.Solution;
import org.moeaframework.core.variable.RealVariable;
import org.moeaframework.problem.AbstractProblem;

/**
 * The search as a MOEA Framework problem. Each choice is a real variable in [0, options) floored to an option
 * index: options are ordered largest first, so NSGA-II's SBX crossover and polynomial mutation move between
 * neighbouring widths and depths rather than jumping at random.
 */
final class SearchProblem extends AbstractProblem {
    private final SearchSpace space;
    private final ScoreStore store;
    private final Objectives objectives;
    private final List<Choice> choices;
    private final boolean fixBackbone;
    /** Every genome NSGA-II had scored, survivors or not (evaluate runs on the executor's threads). */
    private final java.util.Set<String> evaluated = java.util.concurrent.ConcurrentHashMap.newKeySet();

    SearchProblem(SearchSpace space, boolean fixBackbone, ScoreStore store, Objectives objectives) {
        super(space.choices().size(), objectives.count());
        this.space = space;
        this.store = store;
        this.objectives = objectives;
        this.choices = space.choices();
        this.fixBackbone = fixBackbone;
    }

    @Override
    public String getName() {
        return "edgenas-fmas";
    }

    Genome decode(Solution s) {
        int[] c = new int[choices.size()];
        for (int i = 0; i < c.length; i++) {
            double v = ((RealVariable) s.getVariable(i)).getValue();
            c[i] = Math.max(0, Math.min(choices.get(i).options() - 1, (int) Math.floor(v)));
        }
        return space.canonical(new Genome(c));
    }

    /** Sets a new solution to decode to the genome (each variable in the middle of its option's interval). */
    Solution encode(Solution s, Genome g) {
        for (int i = 0; i < choices.size(); i++) {
            ((RealVariable) s.getVariable(i)).setValue(g.get(i) + 0.5);
        }
        return s;
    }

    @Override
    public void evaluate(Solution s) {
        Genome g = decode(s);
        s.setObjectiveValues(objectives.of(store.score(g)));
        evaluated.add(g.key());
    }

    /** The genomes scored so far, in no particular order. */
    java.util.Set<String> evaluated() {
        return evaluated;
    }

    @Override
    public Solution newSolution() {
        Solution s = new Solution(numberOfVariables, numberOfObjectives);
        for (int i = 0; i < choices.size(); i++) {
            // a fixed backbone choice can only take option 0 (the pretrained one)
            int options = fixBackbone && SearchSpace.backbone(choices.get(i)) ? 1 : choices.get(i).options();
            s.setVariable(i, new RealVariable(0, options - 1e-9));
        }
        return s;
    }
}
