package dev.edgenas.cli;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns failures into one-line messages and documented exit codes; the stack trace only with
 * --verbose (or EDGENAS_VERBOSE=1).
 */
final class Errors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean verbose = parsed.hasMatchedOption("--verbose") || "1".equals(System.getenv("EDGENAS_VERBOSE"));
        if (verbose) {
            ex.printStackTrace(cl.getErr());
        }
        if (ex instanceof EdgenasException e) {
            cl.getErr().println("edgenas: " + e.getMessage());
            return e.exitCode().code();
        }
        if (ex instanceof UncheckedIOException e) {
            cl.getErr().println("edgenas: " + e.getMessage());
            return ExitCode.BAD_INPUT.code();
        }
        if (ex instanceof InterruptedException) {
            cl.getErr().println("edgenas: interrupted");
            return ExitCode.INTERRUPTED.code();
        }
        cl.getErr().println("edgenas: internal error: " + ex + (verbose ? "" : " (run with --verbose for details)"));
        return ExitCode.FAILURE.code();
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        cl.getErr().println("edgenas: " + ex.getMessage());
        cl.getErr().println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
        return ExitCode.USAGE.code();
    }
}
