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
        boolean verbose = verbose(parsed) || "1".equals(System.getenv("EDGENAS_VERBOSE"));
        if (verbose) {
            ex.printStackTrace(cl.getErr());
        }
        Throwable known = known(ex);
        if (known instanceof EdgenasException e) {
            cl.getErr().println("edgenas: " + oneLine(e.getMessage()));
            return e.exitCode().code();
        }
        if (known instanceof UncheckedIOException e) {
            cl.getErr().println("edgenas: " + oneLine(e.getMessage()));
            return ExitCode.BAD_INPUT.code();
        }
        if (known instanceof InterruptedException || known instanceof java.nio.channels.ClosedByInterruptException) {
            cl.getErr().println("edgenas: interrupted");
            return ExitCode.INTERRUPTED.code();
        }
        cl.getErr().println("edgenas: internal error: " + oneLine(String.valueOf(ex)) + (verbose ? "" : " (run with --verbose for details)"));
        return ExitCode.FAILURE.code();
    }

    /**
     * One line whatever the source said (ONNX Runtime's messages span several), naming the user's
     * model rather than the normalised copy of a raw export.
     */
    static String oneLine(String message) {
        return RawExports.originalNames(String.valueOf(message)).strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * Whether --verbose was given at any level: picocli hands the handler the top-level parse result,
     * while the option is declared by each subcommand's {@link CommonOptions} mixin.
     */
    static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The failure the user should hear about: a bad input found inside a worker thread arrives wrapped
     * (CompletionException, ExecutionException, a library's RuntimeException); the first edgenas
     * exception in the cause chain decides the message and the exit code.
     */
    static Throwable known(Throwable ex) {
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = ex; t != null && chain.size() < 32 && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        for (Throwable t : chain) {
            if (t instanceof EdgenasException) {
                return t;
            }
        }
        for (Throwable t : chain) {
            if (t instanceof UncheckedIOException || t instanceof InterruptedException
                    || t instanceof java.nio.channels.ClosedByInterruptException) {
                return t;
            }
        }
        return ex;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        cl.getErr().println("edgenas: " + ex.getMessage());
        cl.getErr().println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
        return ExitCode.USAGE.code();
    }
}
