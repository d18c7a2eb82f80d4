package dev.edgenas.profile.android;

import dev.edgenas.android.AdbClient;
import dev.edgenas.android.ClockCheck;
import dev.edgenas.android.CoreSelection;
import dev.edgenas.android.RunSettings;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.profile.BackendConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The backend options of {@code --device android} (BackendConfig.options keys below). The serial
 * comes from {@code android:SERIAL} or the {@value #SERIAL} option; without either, the only
 * phone online is used.
 */
public record AndroidSettings(String serial, Path adb, int adbServerPort, Path ortAar, CoreSelection cores,
                              int reps, int attempts, Duration backoff, String ep, ClockCheck clockCheck) {
    public static final String SERIAL = "serial";
    public static final String ADB = "adb";
    /** adb server port (adb -P); 0 = the environment's or adb's default 5037. */
    public static final String ADB_SERVER_PORT = "adbServerPort";
    public static final String ORT_AAR = "ortAar";
    public static final String CORES = "cores";
    /** Timed runs per kernel in one agent run (the sample pool's chunk). */
    public static final String REPS = "reps";
    /** Agent runs per device call when the phone vanishes or the agent fails without progress. */
    public static final String ATTEMPTS = "attempts";
    public static final String BACKOFF_MS = "backoffMs";
    /** ONNX Runtime execution provider: cpu (default), xnnpack or nnapi; a table is for one provider. */
    public static final String EP = "ep";
    /** reject (default: measure a round again when a pinned core ran below its cluster's maximum) or flag. */
    public static final String CLOCK_CHECK = "clockCheck";

    public static AndroidSettings of(BackendConfig c) {
        if (c.threads() < 0) {
            throw new EdgenasException(ExitCode.USAGE, "--threads " + c.threads() + ": must be 0 (all selected cores) or more");
        }
        Map<String, String> o = c.options();
        String serial = c.device().target() != null && !c.device().target().isEmpty() ? c.device().target() : o.get(SERIAL);
        Path adb = AdbClient.locate(o.containsKey(ADB) ? Path.of(o.get(ADB)) : null);
        return new AndroidSettings(serial, adb, number(o, ADB_SERVER_PORT, 0, 0, 65535), o.containsKey(ORT_AAR)
                ? Path.of(o.get(ORT_AAR)) : null, CoreSelection.parse(o.getOrDefault(CORES, "big")),
                number(o, REPS, 30, 1, 100_000), number(o, ATTEMPTS, 4, 1, 100),
                Duration.ofMillis(number(o, BACKOFF_MS, 2000, 0, 600_000)), ep(o.getOrDefault(EP, "cpu")),
                ClockCheck.parse(o.getOrDefault(CLOCK_CHECK, "reject")));
    }

    private static String ep(String v) {
        if (!RunSettings.PROVIDERS.contains(v)) {
            throw new EdgenasException(ExitCode.USAGE, "--ep " + v + ": expected one of " + String.join(", ", RunSettings.PROVIDERS));
        }
        return v;
    }

    private static int number(Map<String, String> o, String name, int dflt, int min, int max) {
        String v = o.get(name);
        try {
            int n = v == null ? dflt : Integer.parseInt(v);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new EdgenasException(ExitCode.USAGE, name + " " + v + ": expected a whole number in " + min + ".." + max);
        }
    }

    /** The adb client: a private server port when one is given, else the user's. */
    AdbClient client() {
        int port = adbServerPort;
        if (port == 0) {
            String env = System.getenv("ANDROID_ADB_SERVER_PORT");
            port = env != null && env.matches("\\d+") ? Integer.parseInt(env) : 0;
        }
        return new AdbClient(adb, port, Map.of(), Duration.ofMinutes(10));
    }
}
