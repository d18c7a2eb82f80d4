package dev.edgenas.scaleout;

import dev.edgenas.search.EvaluationEngine;
import dev.edgenas.search.SearchOptions;
import dev.edgenas.search.SearchRunner;
import java.util.Map;

/** {@code --engine spark}: candidates scored as Spark tasks. */
public final class SparkEngineProvider implements EvaluationEngine.Provider {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public EvaluationEngine open(SearchOptions options, SearchRunner.Setup setup, Map<String, String> settings) {
        return new SparkSearchEngine(options, setup, settings);
    }
}
