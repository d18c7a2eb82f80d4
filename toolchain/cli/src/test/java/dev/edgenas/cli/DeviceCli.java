package dev.edgenas.cli;

/** Runs the CLI in-process for the device tests: {@link CliRunner} (EdgenasCli lists {@code devices} now). */
final class DeviceCli {
    private DeviceCli() {
    }

    static CliRunner.Result run(String... args) {
        return CliRunner.run(args);
    }
}
