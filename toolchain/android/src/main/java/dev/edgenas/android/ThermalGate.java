package dev.edgenas.android;

import dev.edgenas.agent.android.ThermalStatus;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.time.Duration;

/** Reads Android's thermal status ("dumpsys thermalservice", Android 10+) and waits for it to be 0. */
final class ThermalGate {
    private final AdbClient adb;
    private final String serial;

    ThermalGate(AdbClient adb, String serial) {
        this.adb = adb;
        this.serial = serial;
    }

    /** 0 none .. 6 shutdown; -1 when the phone does not report it (older Android). */
    int status() {
        ShellResult r = adb.shell(serial, "dumpsys thermalservice");
        if (!r.ok()) {
            return -1;
        }
        return ThermalStatus.parse(r.stdout());
    }

    /** Returns once the status is 0 (or unknown); DEVICE_ERROR if it stays above 0 for maxWait. */
    void awaitCool(Duration maxWait, Duration poll, String resumeHint) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        int s;
        while ((s = status()) > 0) {
            if (System.nanoTime() >= deadline) {
                throw new EdgenasException(ExitCode.DEVICE_ERROR, "phone " + serial + " still reports thermal status " + s
                        + " (throttling) after waiting " + maxWait.toSeconds() + " s; let it cool and rerun" + resumeHint);
            }
            AdbClient.sleep(Math.max(10, poll.toMillis()));
        }
    }
}
