package dev.edgenas.gap8.device;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A pseudo-terminal pair made by socat: the host-sim firmware writes to one end as to a UART,
 * jSerialComm reads the other as it would a board's /dev/ttyUSB1.
 */
public final class SocatPair implements AutoCloseable {
    private final RunningProcess socat;
    private final Path device;
    private final Path host;

    private SocatPair(RunningProcess socat, Path device, Path host) {
        this.socat = socat;
        this.device = device;
        this.host = host;
    }

    public static List<String> command(Path device, Path host) {
        return List.of("socat", "-d", "-d", "pty,raw,echo=0,link=" + device, "pty,raw,echo=0,link=" + host);
    }

    /** Starts socat and waits until both links exist. */
    public static SocatPair open(Path dir, String name) {
        if (Commands.which("socat") == null) {
            throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE,
                    "host-sim needs socat for its pseudo-terminal pair: install the Debian package socat");
        }
        Path device = dir.resolve(name + "-dev");
        Path host = dir.resolve(name + "-host");
        RunningProcess p = RunningProcess.start(command(device, host), dir, Map.of(), dir.resolve(name + "-socat.log"), null);
        long end = System.currentTimeMillis() + 5000;
        while (!(Files.exists(device) && Files.exists(host))) {
            if (!p.alive() || System.currentTimeMillis() > end) {
                String tail = p.tail(5);
                p.close();
                throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, "socat did not create the pty pair in " + dir
                        + ": " + tail);
            }
            sleep(20);
        }
        return new SocatPair(p, device, host);
    }

    public Path device() {
        return device;
    }

    public Path host() {
        return host;
    }

    public boolean alive() {
        return socat.alive();
    }

    @Override
    public void close() {
        socat.close();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
