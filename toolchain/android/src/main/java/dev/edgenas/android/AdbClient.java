package dev.edgenas.android;

import dev.edgenas.core.ChildProcess;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives the adb command-line client. A non-default server port (adb -P) keeps edgenas's server
 * apart from the user's. Failures that mean the phone cannot be reached become
 * EdgenasException(DEVICE_UNREACHABLE); others DEVICE_ERROR.
 */
public final class AdbClient {
    private static final String RC_MARKER = "__EDGENAS_RC=";
    private static final Pattern RC_LINE = Pattern.compile("(?m)^" + RC_MARKER + "(\\d+)\\r?\\n?\\z");

    private final Path adb;
    private final int serverPort;
    private final Map<String, String> environment;
    private final Duration timeout;

    /** @param serverPort the adb server port (adb -P); 0 = adb's default 5037 */
    public AdbClient(Path adbExecutable, int serverPort, Map<String, String> environment, Duration timeout) {
        this.adb = adbExecutable;
        this.serverPort = serverPort;
        this.environment = Map.copyOf(environment);
        this.timeout = timeout;
    }

    public AdbClient(Path adbExecutable) {
        this(adbExecutable, 0, Map.of(), Duration.ofMinutes(10));
    }

    /** The adb given with --adb, else /usr/bin/adb, else adb on PATH; a clear error when none. */
    public static Path locate(Path given) {
        if (given != null) {
            if (!Files.isExecutable(given)) {
                throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, "--adb " + given + ": not an executable file");
            }
            return given;
        }
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/adb")));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "adb"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().orElseThrow(() ->
                new EdgenasException(ExitCode.DEVICE_UNREACHABLE,
                        "adb not found: install the Debian package 'adb' (apt-get install adb) or pass --adb PATH"));
    }

    public List<AdbDeviceInfo> devices() {
        return AdbDeviceInfo.parseDevicesList(check(run(timeout, "devices", "-l"), "adb devices").stdout());
    }

    /** "adb connect HOST:PORT", then waits until the device is online (CNXN answered). */
    public void connect(String hostPort) {
        ShellResult r = run(timeout, "connect", hostPort);
        String text = r.stdout() + r.stderr();
        if (r.exitCode() != 0 || !(text.contains("connected to") || text.contains("already connected"))) {
            throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, "adb connect " + hostPort + " failed: " + r.tail(2));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (devices().stream().anyMatch(d -> d.serial().equals(hostPort) && d.online())) {
                return;
            }
            sleep(100);
        }
        throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, "adb connect " + hostPort + ": device did not come online");
    }

    /** The given serial if it is online; without one, the only online device (else a clear error). */
    public String selectDevice(String serial) {
        List<AdbDeviceInfo> all = devices();
        List<AdbDeviceInfo> online = all.stream().filter(AdbDeviceInfo::online).toList();
        if (serial != null) {
            AdbDeviceInfo d = all.stream().filter(x -> x.serial().equals(serial)).findFirst().orElseThrow(() ->
                    new EdgenasException(ExitCode.DEVICE_UNREACHABLE, "--serial " + serial + ": no such device in 'adb devices'"));
            if (!d.online()) {
                throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, "device " + serial + " is " + d.state()
                        + (d.state().equals("unauthorized") ? ": accept the USB debugging prompt on the phone" : ""));
            }
            return serial;
        }
        if (online.size() != 1) {
            throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, online.isEmpty()
                    ? "no Android device online: enable USB debugging and check 'adb devices'"
                    : "several devices online (" + String.join(", ", online.stream().map(AdbDeviceInfo::serial).toList())
                    + "): choose one with --serial");
        }
        return online.get(0).serial();
    }

    public void disconnect(String hostPort) {
        run(timeout, "disconnect", hostPort);
    }

    /** Stops this client's adb server (only the one on this client's port). */
    public void killServer() {
        run(Duration.ofSeconds(20), "kill-server");
    }

    /**
     * Runs a command on the phone. The exit status comes from a marker line appended to the command
     * ("; echo __EDGENAS_RC=$?"), which works with and without shell v2; a missing marker falls back
     * to adb's own status (shell v2 passes the remote one through).
     */
    public ShellResult shell(String serial, String command) {
        return shell(serial, command, timeout);
    }

    public ShellResult shell(String serial, String command, Duration limit) {
        ShellResult r = run(limit, "-s", serial, "shell", command + "; echo " + RC_MARKER + "$?");
        Matcher m = RC_LINE.matcher(r.stdout());
        if (m.find()) {
            return new ShellResult(Integer.parseInt(m.group(1)), r.stdout().substring(0, m.start()), r.stderr());
        }
        if (r.exitCode() != 0 && AdbErrors.isUnreachable(r.stderr())) {
            throw AdbErrors.unreachable(serial, "shell", r);
        }
        return r;
    }

    public void push(String serial, Path local, String remote) {
        ShellResult r = run(timeout, "-s", serial, "push", local.toString(), remote);
        if (r.exitCode() != 0) {
            throw AdbErrors.unreachableOr(serial, "push " + local.getFileName() + " to " + remote, r);
        }
    }

    public void pull(String serial, String remote, Path local) {
        ShellResult r = run(timeout, "-s", serial, "pull", remote, local.toString());
        if (r.exitCode() != 0) {
            throw AdbErrors.unreachableOr(serial, "pull " + remote, r);
        }
    }

    private static ShellResult check(ShellResult r, String what) {
        if (r.exitCode() != 0) {
            throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, what + " failed: " + r.tail(2));
        }
        return r;
    }

    /** Runs adb with stdin from /dev/null (so adb forwards nothing) and a time limit. */
    ShellResult run(Duration limit, String... args) {
        List<String> cmd = new ArrayList<>(List.of(adb.toString()));
        if (serverPort > 0) {
            cmd.addAll(List.of("-P", Integer.toString(serverPort)));
        }
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(environment);
        try {
            ChildProcess.Result r = ChildProcess.run(pb, limit);
            if (r.timedOut()) {
                throw new EdgenasException(ExitCode.DEVICE_ERROR, "adb " + String.join(" ", args).strip()
                        + " timed out after " + limit.toSeconds() + " s");
            }
            return new ShellResult(r.exit(), r.stdout(), r.stderr());
        } catch (IOException e) {
            throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, "cannot run " + adb + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EdgenasException(ExitCode.INTERRUPTED, "interrupted while running adb", e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EdgenasException(ExitCode.INTERRUPTED, "interrupted");
        }
    }
}
