package dev.edgenas.core;

/**
 * An error that edgenas reports to the user as one line, with a specific exit code.
 * Anything else that escapes a command is an internal error (exit 1, stack trace with --verbose).
 */
public class EdgenasException extends RuntimeException {
    private final ExitCode exitCode;

    public EdgenasException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public EdgenasException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
