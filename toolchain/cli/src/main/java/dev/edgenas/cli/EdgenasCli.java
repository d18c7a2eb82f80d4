package dev.edgenas.cli;

import dev.edgenas.core.ExitCode;
import dev.edgenas.core.Provenance;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The edgenas command line: one class per subcommand, shared options as mixins. */
@Command(name = "edgenas", mixinStandardHelpOptions = true, versionProvider = EdgenasCli.Version.class,
        description = "Hardware-in-the-loop architecture search and deployment of segmentation networks for edge devices.",
        subcommands = {DataCommand.class, ModelCommand.class, EvalCommand.class, TrainCommand.class, ProfileCommand.class, TableCommand.class,
            SearchCommand.class, DeployCommand.class, DevicesCommand.class,
            CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n") // the footer itself is built from ExitCode, see commandLine()
public final class EdgenasCli {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        Provenance.setCommandLine("edgenas " + String.join(" ", args));
        CommandLine cl = commandLine();
        cl.setExecutionExceptionHandler(new Errors());
        cl.setParameterExceptionHandler(new Errors());
        cl.setExecutionStrategy(parsed -> {
            OptionRanges.check(parsed); // every numeric option in range before any work (exit 2 names it)
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl.execute(args);
    }

    /** The configured command tree (also what docs/CLI.md is generated from). */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new EdgenasCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOverwrittenOptionsAllowed(true); // scripts pass defaults first, then overrides
        cl.getCommandSpec().usageMessage().footer(exitCodeFooter());
        return cl;
    }

    /** The help footer's exit-code lines, from the one list of them ({@link ExitCode}). */
    static String[] exitCodeFooter() {
        return Arrays.stream(ExitCode.values())
                .map(c -> String.format(Locale.ROOT, "  %-3d %s", c.code(), c.meaning()))
                .toArray(String[]::new);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"edgenas " + Provenance.toolVersion() + " (commit " + Provenance.currentGitCommit() + ")"};
        }
    }
}
