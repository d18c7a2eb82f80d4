package dev.edgenas.search;

import dev.edgenas.models.space.Genome;
import java.util.Map;

/**
 * Where a search scores its candidates when not in this JVM's thread pool (the default, local engine). An engine
 * runs {@link CandidateEvaluator#evaluate} on the same inputs elsewhere (edgenas-scaleout: Spark tasks), so a score
 * is the same whichever engine computed it; the driver keeps the journal, NSGA-II and every output.
 */
public interface EvaluationEngine extends AutoCloseable {
    /** Scores one canonical genome; called concurrently from the search's threads, once per genome. */
    CandidateScore evaluate(Genome genome);

    /** Evaluations the search should keep in flight (the search sizes its thread pool by it). */
    int parallelism();

    @Override
    void close();

    /** Found by ServiceLoader on the class path the CLI extends for {@code --engine NAME}. */
    interface Provider {
        String name();

        /**
         * @param settings engine settings from the command line (for Spark: {@code master} and Spark properties)
         */
        EvaluationEngine open(SearchOptions options, SearchRunner.Setup setup, Map<String, String> settings);
    }
}
