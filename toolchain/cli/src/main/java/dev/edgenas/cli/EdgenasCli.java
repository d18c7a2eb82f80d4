package dev.edgenas.cli;

import dev.edgenas.core.Provenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The edgenas command line: one class per subcommand, shared options as mixins. */
@Command(name = "edgenas", mixinStandardHelpOptions = true, versionProvider = EdgenasCli.Version.class,
        description = "Hardware-in-the-loop architecture search and deployment of segmentation networks for edge devices.",
        subcommands = {DataCommand.class, ModelCommand.class, EvalCommand.class, TrainCommand.class, ProfileCommand.class, TableCommand.class,
            SearchCommand.class, DeployCommand.class, DevicesCommand.class,
            CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n", footer = {
            "  0   success", "  1   internal error or failed verification", "  2   wrong command-line usage",
            "  3   an input file or dataset is missing, corrupt or invalid",
            "  4   the device, port or tool to reach it is not available",
            "  5   the device answered but a run failed", "  130 interrupted (partial results were checkpointed)"})
public final class EdgenasCli {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        Provenance.setCommandLine("edgenas " + String.join(" ", args));
        CommandLine cl = new CommandLine(new EdgenasCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOverwrittenOptionsAllowed(true); // scripts pass defaults first, then overrides
        cl.setExecutionExceptionHandler(new Errors());
        cl.setParameterExceptionHandler(new Errors());
        cl.setExecutionStrategy(parsed -> {
            OptionRanges.check(parsed); // every numeric option in range before any work (exit 2 names it)
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"edgenas " + Provenance.toolVersion() + " (commit " + Provenance.currentGitCommit() + ")"};
        }
    }
}
