package dev.edgenas.android;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.android.sim.DeviceDescription;
import dev.edgenas.core.Checksums;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The real adb client (Debian's adb 29) against the simulated phone: transport, sync and shell. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdbAgainstSimulatorTest {
    Path dir;
    SimulatedPhone phone;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        phone = new SimulatedPhone(dir, DeviceDescription.typical());
    }

    @AfterAll
    void stop() {
        phone.close();
    }

    @Test
    void discoveryListsTheSimulatedPhone() {
        List<AdbDeviceInfo> devices = phone.adb.devices();
        AdbDeviceInfo d = devices.stream().filter(x -> x.serial().equals(phone.serial())).findFirst().orElseThrow();
        assertTrue(d.online(), d.toString());
        assertEquals("edgenas_sim", d.model()); // adb turns '-' into '_'
        assertEquals(phone.serial(), phone.adb.selectDevice(null));
        EdgenasException e = assertThrows(EdgenasException.class, () -> phone.adb.selectDevice("nope:1"));
        assertEquals(ExitCode.DEVICE_UNREACHABLE, e.exitCode());
    }

    @Test
    void pushAndPullRoundTripAFewMegabytes() throws Exception {
        byte[] data = new byte[3_000_000 + 12345];
        new Random(1).nextBytes(data);
        Path src = Files.write(dir.resolve("src.bin"), data);
        long t0 = System.nanoTime();
        phone.adb.push(phone.serial(), src, "/data/local/tmp/t/deep/src.bin");
        long t1 = System.nanoTime();
        Path back = dir.resolve("back.bin");
        phone.adb.pull(phone.serial(), "/data/local/tmp/t/deep/src.bin", back);
        long t2 = System.nanoTime();
        assertEquals(Checksums.sha256(src), Checksums.sha256(back));
        assertEquals(Checksums.sha256(src), Checksums.sha256(phone.sandbox.resolve("data/local/tmp/t/deep/src.bin")));
        System.out.printf("push %.1f MB/s, pull %.1f MB/s (adb process start included)%n",
                data.length / 1e6 / ((t1 - t0) / 1e9), data.length / 1e6 / ((t2 - t1) / 1e9));
    }

    @Test
    void shellExitCodesComeBack() {
        assertEquals(0, phone.adb.shell(phone.serial(), "true").exitCode());
        assertEquals(1, phone.adb.shell(phone.serial(), "false").exitCode());
        assertEquals(3, phone.adb.shell(phone.serial(), "exit 3").exitCode());
        ShellResult r = phone.adb.shell(phone.serial(), "echo out; cat /nope; echo \"q $?\"");
        assertEquals("out\nq 1\n", r.stdout());
        assertTrue(r.stderr().contains("/nope: No such file"), r.stderr());
        assertEquals(127, phone.adb.shell(phone.serial(), "frobnicate").exitCode());
    }

    @Test
    void pathsCannotEscapeTheSandbox() throws Exception {
        Files.writeString(dir.resolve("secret.txt"), "host secret");
        ShellResult r = phone.adb.shell(phone.serial(), "cat /../secret.txt ../../secret.txt");
        assertEquals(1, r.exitCode());
        assertFalse(r.stdout().contains("host secret"));
        EdgenasException e = assertThrows(EdgenasException.class,
                () -> phone.adb.pull(phone.serial(), "/../secret.txt", dir.resolve("stolen.txt")));
        assertEquals(ExitCode.DEVICE_ERROR, e.exitCode());
        assertFalse(Files.exists(dir.resolve("stolen.txt")));
    }

    @Test
    void deviceFactsComeFromTheDescription() {
        AndroidDeviceFacts f = AndroidDeviceFacts.read(phone.adb, phone.serial());
        assertEquals("edgenas-sim", f.model());
        assertTrue(f.simulated());
        assertEquals("arm64-v8a", f.abi());
        assertEquals(33, f.sdk());
        assertEquals(2, f.clusters().size());
        assertEquals(List.of(4, 5, 6, 7), f.bigCluster().cpus());
        assertEquals(2_400_000, f.bigCluster().maxKHz());
        assertEquals(0xf0, CoreSelection.parse("big").mask(f));
        assertEquals(0x0f, CoreSelection.parse("little").mask(f));
        assertEquals(0x30, CoreSelection.parse("0x30").mask(f));
        assertEquals(ExitCode.USAGE, assertThrows(EdgenasException.class,
                () -> CoreSelection.parse("0x100").mask(f)).exitCode());
    }

    @Test
    void thermalStatusIsReadFromDumpsys() {
        ThermalGate gate = new ThermalGate(phone.adb, phone.serial());
        assertEquals(0, gate.status());
        phone.sim.setThermalStatus(4);
        try {
            assertEquals(4, gate.status());
        } finally {
            phone.sim.setThermalStatus(0);
        }
    }
}
