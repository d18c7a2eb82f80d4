package dev.edgenas.cli;

import dev.edgenas.search.EvaluationEngine;
import dev.edgenas.search.SearchOptions;
import dev.edgenas.search.SearchRunner;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Where a command's work runs: this JVM (default) or a scale-out engine (Spark) found by {@link ScaleOut}. */
final class EngineOptions {
    @Option(names = "--engine", defaultValue = "local",
            description = "local (this JVM, default) or spark (Apache Spark tasks on --master; loads the scale-out "
                    + "jars only then, docs/SCALE-OUT.md).")
    String engine;

    @Option(names = "--master", defaultValue = "local[*]",
            description = "Spark master with --engine spark: local[N], local-cluster[W,C,MB] or spark://HOST:PORT "
                    + "(scripts/spark-cluster.sh starts one; default ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
            description = "A Spark property for --engine spark (repeatable), e.g. spark.executor.memory=2g.")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    boolean local() {
        return switch (engine) {
            case "local" -> true;
            case "spark" -> false;
            default -> throw new dev.edgenas.core.EdgenasException(dev.edgenas.core.ExitCode.USAGE,
                    "--engine: unknown '" + engine + "' (local or spark)");
        };
    }

    /** Opens the search's evaluation engine: null for the local engine. */
    Function<SearchRunner.Setup, EvaluationEngine> searchEngine(SearchOptions o) {
        if (local()) {
            return null;
        }
        EvaluationEngine.Provider provider = ScaleOut.provider(EvaluationEngine.Provider.class, engine);
        Map<String, String> settings = new LinkedHashMap<>(sparkConf);
        settings.put("master", master);
        return setup -> provider.open(o, setup, settings);
    }
}
