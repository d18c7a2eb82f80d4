package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.core.ExitCode;
import dev.edgenas.deploy.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;

/** Conventions every command shares: --verbose at subcommand level, exit codes and help from one source. */
class CliConventionsTest {
    @TempDir
    Path tmp;

    @Test
    void verboseGivenToASubcommandPrintsTheStackTrace() throws Exception {
        Path table = tmp.resolve("table.json");
        Files.writeString(table, "{ not json");
        Path model = tmp.resolve("m.onnx");
        Files.writeString(model, "not a model");
        String[] args = {"table", "predict", "--table", table.toString(), "--model", model.toString()};

        CliRunner.Result quiet = CliRunner.run(args);
        assertEquals(ExitCode.BAD_INPUT.code(), quiet.code(), quiet.err());
        assertFalse(quiet.err().contains("\tat "), "no stack trace without --verbose: " + quiet.err());

        String[] verboseArgs = java.util.Arrays.copyOf(args, args.length + 1);
        verboseArgs[args.length] = "--verbose";
        CliRunner.Result verbose = CliRunner.run(verboseArgs);
        assertEquals(ExitCode.BAD_INPUT.code(), verbose.code(), verbose.err());
        assertTrue(verbose.err().contains("\tat dev.edgenas."), "stack trace with --verbose: " + verbose.err());
    }

    @Test
    void helpFooterListsEveryExitCodeOfTheEnum() {
        CliRunner.Result r = CliRunner.run("--help");
        assertEquals(0, r.code());
        String footer = r.out().substring(r.out().indexOf("Exit codes:"));
        for (ExitCode c : ExitCode.values()) {
            assertTrue(footer.lines().anyMatch(l -> l.trim().equals(c.code() + (c.code() < 100 ? "   " : " ") + c.meaning())),
                    c + " missing from the help footer:\n" + footer);
        }
        assertEquals(ExitCode.values().length, footer.lines().skip(1).filter(l -> !l.isBlank()).count(), footer);
    }

    @Test
    void deployHelpStatesEachTargetsDefaultActivations() {
        OptionSpec o = EdgenasCli.commandLine().getSubcommands().get("deploy").getCommandSpec().findOption("--activations");
        String help = String.join(" ", o.description());
        for (Target t : Target.values()) {
            String type = t.defaultActivations.name().toLowerCase(Locale.ROOT);
            int at = help.indexOf(t.id());
            assertTrue(at > 0, t + " not mentioned: " + help);
            // the type named before the target ("uint8 for cpu and gap8, int8 for android")
            String before = help.substring(0, at);
            String lastType = before.lastIndexOf("uint8") > before.lastIndexOf(" int8") ? "uint8" : "int8";
            assertEquals(type, lastType, t + "'s default in: " + help);
        }
    }
}
