package dev.edgenas.cli;

import dev.edgenas.core.Json;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options every command shares: machine-readable output and verbosity. */
public final class CommonOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--json", description = "Print the result as JSON on stdout (progress stays on stderr).")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces and more detail.")
    boolean verbose;

    @Option(names = "--no-progress", description = "Do not draw progress bars.")
    boolean noProgress;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Prints the result as JSON with --json, otherwise the human text. */
    void print(Object result, String human) {
        if (json) {
            out().println(Json.write(result));
        } else {
            out().println(human);
        }
        out().flush();
    }

    boolean progress() {
        return !noProgress && !json;
    }
}
