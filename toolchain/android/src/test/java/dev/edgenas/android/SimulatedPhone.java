package dev.edgenas.android;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.android.sim.AdbdSimulator;
import dev.edgenas.android.sim.DeviceDescription;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Test fixture: an adbd simulator attached to the REAL adb client through its own adb server
 * (a free port, HOME in the test folder), so tests never touch the user's adb server or keys.
 */
final class SimulatedPhone implements AutoCloseable {
    final AdbClient adb;
    final Path sandbox;
    AdbdSimulator sim;

    SimulatedPhone(Path dir, DeviceDescription description) throws IOException {
        Path adbPath = Path.of("/usr/bin/adb");
        assertTrue(Files.isExecutable(adbPath), "the real adb client is missing: apt-get install adb");
        Path home = Files.createDirectories(dir.resolve("home"));
        this.adb = new AdbClient(adbPath, freePort(), Map.of("HOME", home.toString()), Duration.ofMinutes(2));
        this.sandbox = dir.resolve("phone");
        this.sim = AdbdSimulator.start(0, sandbox, description);
        adb.connect(sim.serial());
    }

    String serial() {
        return sim.serial();
    }

    /** Starts the phone again on the same port and sandbox (after {@link AdbdSimulator#stop()}). */
    void restart(DeviceDescription description) {
        int port = sim.port();
        sim = AdbdSimulator.start(port, sandbox, description);
        adb.connect(sim.serial());
    }

    static int freePort() throws IOException {
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
