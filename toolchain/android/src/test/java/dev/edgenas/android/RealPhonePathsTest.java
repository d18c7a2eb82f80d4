package dev.edgenas.android;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.agent.android.TinyOnnx;
import dev.edgenas.android.sim.DeviceDescription;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What would break first on a real phone, replayed on the simulated one through the real adb
 * client: native loading under ART's java.vendor, another ONNX Runtime version, a provider the
 * build lacks, and clocks capped below the cluster's maximum while Android's thermal status says 0.
 */
class RealPhonePathsTest {
    @TempDir
    Path dir;
    private final List<String> log = new ArrayList<>();

    private List<KernelJob> kernels() {
        return List.of(new KernelJob("conv3x3 1x8x16x16->16", TinyOnnx.conv(dir.resolve("m/conv.onnx"), 8, 16, 16, 1)),
                new KernelJob("relu 1x16x16x16", TinyOnnx.relu(dir.resolve("m/relu.onnx"), 16, 16)));
    }

    private static RunSettings quick() {
        return RunSettings.defaults().withReps(2, 5, 30, 0.05)
                .withPacing(Duration.ofSeconds(5), Duration.ofMillis(100), 1, 2, Duration.ofMillis(50));
    }

    /** One agent run. */
    private AndroidProfileResult run(SimulatedPhone phone, OrtAndroidLibraries ort, RunSettings s) {
        return new AndroidKernelRunner(phone.adb, phone.serial(), ort, log::add)
                .run(kernels(), s);
    }

    /**
     * A stand-in for onnxruntime-android-1.29.0.aar for an x86_64 phone (Android's emulator ABI): ORT's
     * Java classes and its linux-x64 libraries from the desktop jar, which load on this host.
     */
    private OrtAndroidLibraries hostAar() throws Exception {
        Path ortJar = Path.of(ai.onnxruntime.OrtEnvironment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path aar = dir.resolve("onnxruntime-android-1.29.0.aar");
        Path classes = dir.resolve("classes.jar");
        try (ZipFile src = new ZipFile(ortJar.toFile())) {
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(classes))) {
                for (ZipEntry e : java.util.Collections.list(src.entries())) {
                    if (e.getName().endsWith(".class")) {
                        out.putNextEntry(new ZipEntry(e.getName()));
                        src.getInputStream(e).transferTo(out);
                    }
                }
            }
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(aar))) {
                out.putNextEntry(new ZipEntry("classes.jar"));
                out.write(Files.readAllBytes(classes));
                for (String lib : OrtAndroidLibraries.REQUIRED_LIBS) {
                    out.putNextEntry(new ZipEntry("jni/x86_64/" + lib));
                    src.getInputStream(src.getEntry("ai/onnxruntime/native/linux-x64/" + lib)).transferTo(out);
                }
            }
        }
        return OrtAndroidLibraries.fromAar(aar, "x86_64", Files.createDirectories(dir.resolve("ort")));
    }

    @Test
    void underArtsVendorTheAgentLoadsOrtFromThePushedLibrariesByAbsolutePath() throws Exception {
        DeviceDescription android = DeviceDescription.typical().asAndroidVendor("x86_64");
        try (SimulatedPhone phone = new SimulatedPhone(dir, android)) {
            // without the libraries the agent stops with one line naming what it needs
            EdgenasException e = assertThrows(EdgenasException.class, () -> run(phone, null, quick()));
            assertEquals(ExitCode.DEVICE_ERROR, e.exitCode());
            assertTrue(e.getMessage().contains("running on Android") && e.getMessage().contains("--ort-lib-dir"),
                    e.getMessage());
            assertEquals(1, phone.sim.affinityMasks().size(), "a fatal agent error is not retried");

            AndroidProfileResult r = run(phone, hostAar(), quick());
            assertEquals(2, r.kernels().size());
            JsonNode h = r.agentHeader();
            assertTrue(h.path("android").asBoolean(), h.toString());
            assertEquals(DeviceDescription.ANDROID_VENDOR, h.path("vendor").asText());
            List<String> loaded = new ArrayList<>();
            h.path("nativeLibraries").forEach(n -> loaded.add(n.asText()));
            assertEquals(2, loaded.size(), h.toString());
            assertTrue(loaded.get(0).endsWith("/data/local/tmp/edgenas-0.1.0/lib/libonnxruntime.so"), loaded.toString());
            assertTrue(loaded.get(1).endsWith("/lib/libonnxruntime4j_jni.so"), loaded.toString());
            assertEquals("1.29.0", r.ortVersion());
        }
    }

    @Test
    void anotherOrtVersionOrAMissingProviderIsOneClearErrorNotACrash() throws Exception {
        try (SimulatedPhone phone = new SimulatedPhone(dir, DeviceDescription.typical())) {
            EdgenasException v = assertThrows(EdgenasException.class,
                    () -> run(phone, null, quick().withRuntime("cpu", "1.22.0", ClockCheck.REJECT)));
            assertEquals(ExitCode.DEVICE_ERROR, v.exitCode());
            assertTrue(v.getMessage().contains("ONNX Runtime on this device is 1.29.0 but the host expects 1.22.0"),
                    v.getMessage());
            EdgenasException p = assertThrows(EdgenasException.class,
                    () -> run(phone, null, quick().withRuntime("xnnpack", "1.29.0", ClockCheck.REJECT)));
            assertTrue(p.getMessage().contains("--ep xnnpack: this ONNX Runtime build has no XnnpackExecutionProvider"),
                    p.getMessage());
            assertEquals(2, phone.sim.affinityMasks().size(), "one agent run each, no retries");
        }
    }

    @Test
    void roundsBelowTheClusterMaximumAreRejectedAndMeasuredAgain() throws Exception {
        // the first agent run has every clock at 60% of its maximum; thermal status stays 0
        try (SimulatedPhone phone = new SimulatedPhone(dir, DeviceDescription.typical().withClockDrop(1, 60))) {
            AndroidProfileResult r = run(phone, null, quick());
            assertEquals(2, r.kernels().size());
            assertEquals(new ClockStats(2, 0, 2, 0, 1.0), r.clocks());
            assertEquals(2, phone.sim.affinityMasks().size(), "a second agent run re-measured both kernels");
            assertTrue(log.stream().anyMatch(l -> l.contains("with cpu4 at 1440 MHz of 2400 MHz")), log.toString());
            for (AgentMeasurement m : r.kernels().values()) {
                assertEquals(2_400_000L, m.rounds().get(0).freqAfterKHz().get(4));
            }
        }
    }

    @Test
    void flaggedRoundsAreKeptAndCountedAndAPersistentCapIsAClearError() throws Exception {
        try (SimulatedPhone phone = new SimulatedPhone(dir, DeviceDescription.typical().withClockDrop(9, 60))) {
            AndroidProfileResult r = run(phone, null, quick().withRuntime("cpu", "1.29.0", ClockCheck.FLAG));
            assertEquals(2, r.kernels().size());
            assertEquals(2, r.clocks().belowMax());
            assertEquals(0.6, r.clocks().lowestShare(), 1e-9);
            assertEquals(1, phone.sim.affinityMasks().size());

            EdgenasException e = assertThrows(EdgenasException.class, () -> run(phone, null, quick()));
            assertEquals(ExitCode.DEVICE_ERROR, e.exitCode());
            assertTrue(e.getMessage().contains("ran with cpu4 at 1440 MHz of 2400 MHz 2 times")
                    && e.getMessage().contains("clock check 'flag'"), e.getMessage());
        }
    }
}
