package dev.edgenas.cli;

import dev.edgenas.core.ExitCode;
import dev.edgenas.core.Provenance;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        dev.edgenas.core.NativeCalls.exitOnSignals();
        int code = run(args);
        dev.edgenas.core.NativeCalls.drain(); // a pool thread may still be inside ONNX Runtime
        System.exit(code);
    }

    /** Runs the CLI and returns its exit code (tests call this instead of main). */
    public static int run(String... args) {
        Provenance.setCommandLine("edgenas " + String.join(" ", args));
        CommandLine cl = commandLine();
        cl.setExecutionExceptionHandler(new Errors());
        cl.setParameterExceptionHandler(new Errors());
        cl.setExecutionStrategy(parsed -> {
            OptionRanges.check(parsed); // every numeric option in range before any work (exit 2 names it)
            Provenance.setOptions(effectiveOptions(parsed));
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl.execute(args);
    }

    /**
     * The resolved value of every option of the subcommand that runs (defaults and backend mixins included):
     * what artifacts record as their effective options, beside the command line.
     */
    static Map<String, String> effectiveOptions(CommandLine.ParseResult parsed) {
        List<CommandLine> chain = parsed.asCommandLineList();
        Map<String, String> m = new TreeMap<>();
        for (CommandLine.Model.OptionSpec o : chain.get(chain.size() - 1).getCommandSpec().options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            Object v = o.getValue();
            if (v != null) {
                m.put(o.longestName(), v instanceof Object[] a ? Arrays.toString(a) : String.valueOf(v));
            }
        }
        return m;
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
