package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.android.AdbClient;
import dev.edgenas.android.sim.AdbdSimulator;
import dev.edgenas.android.sim.DeviceDescription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The simulated phone behind the real adb client, on a private adb server (free port, started here
 * with HOME in the test folder) that is killed at the end: never the user's server or keys.
 */
final class SimPhone implements AutoCloseable {
    final AdbClient adb;
    final int serverPort;
    final Path sandbox;
    private AdbdSimulator sim;

    SimPhone(Path dir) {
        Path adbPath = Path.of("/usr/bin/adb");
        assertTrue(Files.isExecutable(adbPath), "the real adb client is missing: install the Debian package adb");
        try (ServerSocket s = new ServerSocket(0)) {
            serverPort = s.getLocalPort();
            Path home = Files.createDirectories(dir.resolve("home"));
            adb = new AdbClient(adbPath, serverPort, Map.of("HOME", home.toString()), Duration.ofMinutes(2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sandbox = dir.resolve("phone");
        sim = AdbdSimulator.start(0, sandbox, DeviceDescription.typical());
        adb.connect(sim.serial());
    }

    String serial() {
        return sim.serial();
    }

    /** Pulls the cable. */
    void stop() {
        sim.stop();
    }

    /** Plugs it in again on the same port. */
    void restart() {
        sim = AdbdSimulator.start(Integer.parseInt(serial().substring(serial().lastIndexOf(':') + 1)), sandbox,
                DeviceDescription.typical());
        adb.connect(sim.serial());
    }

    @Override
    public void close() {
        sim.stop();
        adb.killServer();
    }
}
