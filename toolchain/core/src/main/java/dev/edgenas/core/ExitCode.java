package dev.edgenas.core;

/** Process exit codes shared by every edgenas command; documented in docs/CLI.md. */
public enum ExitCode {
    OK(0, "success"),
    FAILURE(1, "internal error or failed verification"),
    USAGE(2, "wrong command-line usage"),
    BAD_INPUT(3, "an input file or dataset is missing, corrupt or invalid"),
    DEVICE_UNREACHABLE(4, "the device, port or tool to reach it is not available"),
    DEVICE_ERROR(5, "the device answered but a run failed (build, boot, hang, line errors)"),
    INTERRUPTED(130, "interrupted (Ctrl-C); partial results were checkpointed"),
    TERMINATED(143, "stopped by SIGTERM (SIGHUP: 129); rerun with --resume to continue");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
