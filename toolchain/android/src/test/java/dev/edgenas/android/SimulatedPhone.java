package dev.edgenas.android;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The one simulated-phone test fixture (shared through this module's test-jar with profile-android and the
 * CLI tests): the adbd simulator attached to the REAL adb client through a private adb server (a free port,
 * started here with HOME in the test folder so no keys land in the user's home), killed at the end: tests
 * never touch the user's adb server.
 */
public final class SimulatedPhone implements AutoCloseable {
    public static final Path ADB = Path.of("/usr/bin/adb");
    public final AdbClient adb;
    public final int serverPort;
    public final Path sandbox;
    /** The simulator now plugged in (a restart replaces it). */
    public AdbdSimulator sim;

    /** A typical phone. */
    public SimulatedPhone(Path dir) {
        this(dir, DeviceDescription.typical());
    }

    public SimulatedPhone(Path dir, DeviceDescription description) {
        assertTrue(Files.isExecutable(ADB), "the real adb client is missing: install the Debian package adb");
        try {
            Path home = Files.createDirectories(dir.resolve("home"));
            this.serverPort = freePort();
            this.adb = new AdbClient(ADB, serverPort, Map.of("HOME", home.toString()), Duration.ofMinutes(2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.sandbox = dir.resolve("phone");
        this.sim = AdbdSimulator.start(0, sandbox, description);
        adb.connect(sim.serial());
    }

    public String serial() {
        return sim.serial();
    }

    public AdbdSimulator sim() {
        return sim;
    }

    /** Pulls the cable: closes the listener and connections, kills a running agent. */
    public void stop() {
        sim.stop();
    }

    /** Plugs it back in on the same port and sandbox. */
    public void restart(DeviceDescription description) {
        sim = AdbdSimulator.start(sim.port(), sandbox, description);
        adb.connect(sim.serial());
    }

    /** Plugs a typical phone back in on the same port and sandbox. */
    public void restart() {
        restart(DeviceDescription.typical());
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        sim.stop();
        adb.killServer();
    }
}
