package dev.edgenas.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Runs the CLI in-process like {@link CliRunner}, with {@code devices} registered if EdgenasCli
 * does not list it yet, so these tests do not depend on the order the subcommands are wired in.
 */
final class DeviceCli {
    private DeviceCli() {
    }

    static synchronized CliRunner.Result run(String... args) {
        dev.edgenas.core.Provenance.setCommandLine("edgenas " + String.join(" ", args));
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cl = new CommandLine(new EdgenasCli());
            if (!cl.getSubcommands().containsKey("devices")) {
                cl.addSubcommand("devices", new DevicesCommand());
            }
            cl.setOut(new PrintWriter(System.out, true));
            cl.setErr(new PrintWriter(System.err, true));
            cl.setExecutionExceptionHandler(new Errors());
            cl.setParameterExceptionHandler(new Errors());
            int code = cl.execute(args);
            return new CliRunner.Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
