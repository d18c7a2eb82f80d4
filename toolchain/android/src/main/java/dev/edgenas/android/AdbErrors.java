package dev.edgenas.android;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.util.List;
import java.util.Locale;

/** Tells "the phone is gone" apart from "the phone answered with an error", from adb's messages. */
final class AdbErrors {
    private static final List<String> UNREACHABLE = List.of("not found", "offline", "no devices", "unauthorized",
            "device still connecting", "closed", "protocol fault", "connection reset", "cannot connect",
            "failed to connect", "no emulators", "more than one device", "transport");

    private AdbErrors() {
    }

    static boolean isUnreachable(String stderr) {
        String s = stderr.toLowerCase(Locale.ROOT);
        // "No such file or directory" from the phone also says "not found" in some builds: it is not about the device.
        if (s.contains("no such file") || s.contains("remote object")) {
            return false;
        }
        return UNREACHABLE.stream().anyMatch(s::contains);
    }

    static EdgenasException unreachable(String serial, String what, ShellResult r) {
        return new EdgenasException(ExitCode.DEVICE_UNREACHABLE, "device " + serial + " unreachable during adb "
                + what + ": " + r.tail(2));
    }

    static EdgenasException unreachableOr(String serial, String what, ShellResult r) {
        if (isUnreachable(r.stderr() + r.stdout())) {
            return unreachable(serial, what, r);
        }
        return new EdgenasException(ExitCode.DEVICE_ERROR, "adb " + what + " on " + serial + " failed: " + r.tail(2));
    }
}
