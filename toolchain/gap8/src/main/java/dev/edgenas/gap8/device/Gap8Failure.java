package dev.edgenas.gap8.device;

import dev.edgenas.core.ExitCode;

/** Why a batch run did not deliver all its kernels; decides the exit code and whether to retry. */
public enum Gap8Failure {
    BUILD(ExitCode.DEVICE_ERROR, false, "build error"),
    PORT_MISSING(ExitCode.DEVICE_UNREACHABLE, true, "serial port unavailable"),
    PORT_LOST(ExitCode.DEVICE_UNREACHABLE, true, "serial port lost"),
    NO_BOOT(ExitCode.DEVICE_ERROR, true, "boot failure (no HELLO)"),
    HANG(ExitCode.DEVICE_ERROR, true, "hang (HELLO without END)"),
    LINE(ExitCode.DEVICE_ERROR, true, "line problem (CRC errors, lost frames)"),
    CRASH(ExitCode.DEVICE_ERROR, true, "firmware exited before END"),
    PROTOCOL(ExitCode.DEVICE_ERROR, false, "protocol mismatch");

    private final ExitCode exitCode;
    private final boolean retryable;
    private final String label;

    Gap8Failure(ExitCode exitCode, boolean retryable, String label) {
        this.exitCode = exitCode;
        this.retryable = retryable;
        this.label = label;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public boolean retryable() {
        return retryable;
    }

    public String label() {
        return label;
    }
}
