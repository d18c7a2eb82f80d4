package dev.edgenas.cli;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.deploy.WholeNetworkRunner;

/** The one lookup of a usable whole-network runner for {@code --device}/{@code --platform} (table validate, table retime). */
final class WholeNetworkRunners {
    private WholeNetworkRunners() {
    }

    /** The runner for the device and platform; a usage error when there is none, device-unreachable when it cannot run here. */
    static WholeNetworkRunner usable(String device, String platform) {
        WholeNetworkRunner runner = WholeNetworkRunner.find(device, platform).orElseThrow(() -> new EdgenasException(
                ExitCode.USAGE, "--device " + device + (platform == null ? "" : " --platform " + platform)
                + ": no whole-network runner for it (available: gap8 with --platform gvsoc)"));
        String why = runner.unavailable();
        if (why != null) {
            throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, "--device " + device + ": " + why);
        }
        return runner;
    }
}
