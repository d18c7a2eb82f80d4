package dev.edgenas.android;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.agent.android.TinyOnnx;
import dev.edgenas.android.sim.DeviceDescription;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs: host runner -> real adb -> simulated phone -> agent on real ONNX Runtime, and faults. */
class AndroidKernelRunnerTest {
    @TempDir
    Path dir;
    private final List<String> log = new ArrayList<>();

    private List<KernelJob> kernels(int n) {
        List<KernelJob> out = new ArrayList<>();
        out.add(new KernelJob("conv3x3 1x8x16x16->16", TinyOnnx.conv(dir.resolve("m/conv.onnx"), 8, 16, 16, 1)));
        out.add(new KernelJob("dw3x3 1x16x16x16", TinyOnnx.conv(dir.resolve("m/dw.onnx"), 16, 16, 16, 16)));
        out.add(new KernelJob("relu 1x16x16x16", TinyOnnx.relu(dir.resolve("m/relu.onnx"), 16, 16)));
        out.add(new KernelJob("conv3x3 1x16x24x24->16", TinyOnnx.conv(dir.resolve("m/conv2.onnx"), 16, 16, 24, 1)));
        return out.subList(0, n);
    }

    /** Kernels of ~10 ms per run, so that a run lasts for its time budget rather than its rep cap. */
    private List<KernelJob> slowKernels(int n) {
        List<KernelJob> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new KernelJob("conv3x3 1x64x48x48->64 #" + i,
                    TinyOnnx.conv(dir.resolve("m/slow" + i + ".onnx"), 64, 64, 48 + i, 1)));
        }
        return out;
    }

    private static RunSettings quick() {
        return RunSettings.defaults().withReps(2, 5, 30, 0.05)
                .withPacing(Duration.ofSeconds(5), Duration.ofMillis(100), 1, 2, Duration.ofMillis(50));
    }

    private AndroidKernelRunner runner(SimulatedPhone phone) {
        return new AndroidKernelRunner(phone.adb, phone.serial(), null, log::add);
    }

    private static Path deviceRoot(SimulatedPhone phone) {
        return phone.sandbox.resolve("data/local/tmp/edgenas-0.1.0");
    }

    @Test
    void profilesKernelsThroughAdbAndLeavesThePhoneClean() throws Exception {
        try (SimulatedPhone phone = new SimulatedPhone(dir, DeviceDescription.typical())) {
            RunSettings s = quick().withThreads(2);
            long t0 = System.nanoTime();
            AndroidProfileResult r = runner(phone).run(kernels(3), s);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(r.facts().simulated());
            assertEquals(0xf0, r.affinityMask());
            assertEquals(List.of(0xf0L), phone.sim.affinityMasks(), "one pinned agent run");
            assertEquals(3, r.kernels().size());
            assertTrue(r.failures().isEmpty());
            for (AgentMeasurement m : r.kernels().values()) {
                assertEquals(1, m.rounds().size());
                assertTrue(m.samplesNs().size() >= 5 && m.samplesNs().size() <= 30, m.key() + " " + m.samplesNs().size());
                assertTrue(m.samplesNs().stream().allMatch(x -> x > 0));
                assertEquals(List.of(1_800_000L, 1_800_000L, 1_800_000L, 1_800_000L, 2_400_000L, 2_400_000L,
                        2_400_000L, 2_400_000L), m.rounds().get(0).freqBeforeKHz());
                assertEquals(0, m.rounds().get(0).thermalAfter());
            }
            assertEquals("1.29.0", r.ortVersion());
            assertEquals(2, r.agentHeader().path("threads").asInt());
            assertFalse(Files.exists(deviceRoot(phone)), "the device folder must be removed");
            // the agent's own lines come back verbatim: a header, then one kernel line per kernel
            assertEquals(4, r.agentLines().size(), r.agentLines().toString());
            assertTrue(r.agentLines().get(0).contains("\"type\":\"header\""), r.agentLines().get(0));
            System.out.printf("3 kernels through adb + simulator: %.1f s%n", seconds);
        }
    }

    @Test
    void aRealPhoneWithoutTheAarGetsAClearError() throws Exception {
        try (SimulatedPhone phone = new SimulatedPhone(dir, DeviceDescription.typical())) {
            // A phone that does not say edgenas.simulated=1 is treated as real.
            AndroidDeviceFacts facts = AndroidDeviceFacts.read(phone.adb, phone.serial());
            EdgenasException e = OrtAndroidLibraries.missingAar(facts.withClusters(facts.clusters()));
            assertTrue(e.getMessage().contains("onnxruntime-android-1.29.0.aar") && e.getMessage().contains("--ort-aar"));
            assertEquals(ExitCode.USAGE, e.exitCode());
        }
    }

    @Test
    void aFailingPushIsADeviceError() throws Exception {
        DeviceDescription d = DeviceDescription.typical().withFaults(new DeviceDescription.Faults(true, null, null));
        try (SimulatedPhone phone = new SimulatedPhone(dir, d)) {
            EdgenasException e = assertThrows(EdgenasException.class, () -> runner(phone).run(kernels(1), quick()));
            assertEquals(ExitCode.DEVICE_ERROR, e.exitCode());
            assertTrue(e.getMessage().contains("Read-only file system"), e.getMessage());
        }
    }

    @Test
    void anAgentThatDiesAtOnceIsADeviceErrorWithItsStderr() throws Exception {
        DeviceDescription d = DeviceDescription.typical().withFaults(new DeviceDescription.Faults(false, 134, null));
        try (SimulatedPhone phone = new SimulatedPhone(dir, d)) {
            EdgenasException e = assertThrows(EdgenasException.class, () -> runner(phone).run(kernels(1), quick()));
            assertEquals(ExitCode.DEVICE_ERROR, e.exitCode());
            assertTrue(e.getMessage().contains("exit 134") && e.getMessage().contains("SIGABRT"), e.getMessage());
            assertEquals(2, phone.sim.affinityMasks().size(), "retried once (maxAttempts 2)");
            assertFalse(Files.exists(deviceRoot(phone)));
        }
    }

    @Test
    void anAgentCrashingMidRunIsResumedUntilEveryKernelIsMeasured() throws Exception {
        DeviceDescription d = DeviceDescription.typical().withFaults(new DeviceDescription.Faults(false, null, 1));
        try (SimulatedPhone phone = new SimulatedPhone(dir, d)) {
            AndroidProfileResult r = runner(phone).run(kernels(3), quick());
            assertEquals(3, r.kernels().size());
            assertEquals(3, phone.sim.affinityMasks().size(), "one agent start per kernel: each run dies after one");
            assertTrue(log.stream().noneMatch(l -> l.contains("agent failed")), "progress each time, no failure count");
        }
    }

    @Test
    void persistentThrottlingIsAClearError() throws Exception {
        try (SimulatedPhone phone = new SimulatedPhone(dir, DeviceDescription.typical().withThermal(3, 0))) {
            RunSettings s = quick().withPacing(Duration.ofMillis(600), Duration.ofMillis(100), 1, 2, Duration.ofMillis(50));
            EdgenasException e = assertThrows(EdgenasException.class, () -> runner(phone).run(kernels(1), s));
            assertEquals(ExitCode.DEVICE_ERROR, e.exitCode());
            assertTrue(e.getMessage().contains("thermal status 3"), e.getMessage());
            assertTrue(phone.sim.affinityMasks().isEmpty(), "nothing measured while hot");
        }
    }

    @Test
    void aPhoneThatCoolsDownIsWaitedFor() throws Exception {
        try (SimulatedPhone phone = new SimulatedPhone(dir, DeviceDescription.typical().withThermal(2, 3))) {
            AndroidProfileResult r = runner(phone).run(kernels(1), quick());
            assertEquals(1, r.kernels().size());
            assertEquals(0, r.kernels().values().iterator().next().rounds().get(0).thermalBefore());
        }
    }

    @Test
    void kernelsMeasuredWhileThrottledAreMeasuredAgain() throws Exception {
        try (SimulatedPhone phone = new SimulatedPhone(dir, DeviceDescription.typical())) {
            // The phone heats up during the first agent run (status set once a kernel line appears).
            CompletableFuture<Void> heat = CompletableFuture.runAsync(() -> {
                waitForKernelLine(phone, 20_000);
                phone.sim.setThermalStatus(2);
            });
            RunSettings s = quick().withReps(1, 3, 500, 0.4);
            CompletableFuture<AndroidProfileResult> run = CompletableFuture.supplyAsync(() -> runner(phone).run(slowKernels(2), s));
            heat.get(30, TimeUnit.SECONDS);
            // let the runner see the heat, then cool the phone so it can measure again
            Thread.sleep(1500);
            phone.sim.setThermalStatus(0);
            AndroidProfileResult r = run.get(120, TimeUnit.SECONDS);
            assertEquals(2, r.kernels().size());
            assertTrue(r.kernels().values().stream().noneMatch(m -> m.rounds().get(0).throttled()));
            assertTrue(phone.sim.affinityMasks().size() >= 2, "a second agent run re-measured throttled kernels");
        }
    }

    @Test
    void aVanishingPhoneIsUnreachableAndARestartMeasuresAfresh() throws Exception {
        try (SimulatedPhone phone = new SimulatedPhone(dir, DeviceDescription.typical())) {
            RunSettings s = quick().withReps(1, 3, 500, 0.3);
            CompletableFuture<AndroidProfileResult> run = CompletableFuture.supplyAsync(() -> runner(phone).run(slowKernels(3), s));
            waitForKernelLine(phone, 60_000);
            phone.sim.stop();
            Exception e = assertThrows(Exception.class, () -> run.get(120, TimeUnit.SECONDS));
            EdgenasException cause = (EdgenasException) e.getCause();
            assertEquals(ExitCode.DEVICE_UNREACHABLE, cause.exitCode(), cause.getMessage());
            assertTrue(cause.getMessage().contains("rerun to resume"), cause.getMessage());

            // the runner keeps nothing between runs (the shared loop's table does): a new run measures all
            phone.restart(DeviceDescription.typical());
            AndroidProfileResult r = runner(phone).run(slowKernels(3), s);
            assertEquals(3, r.kernels().size());
            assertEquals(1, phone.sim.affinityMasks().size(), "one agent run after the restart");
        }
    }

    private static void waitForKernelLine(SimulatedPhone phone, long ms) {
        waitFor(() -> {
            Path out = deviceRoot(phone).resolve("out");
            if (!Files.isDirectory(out)) {
                return false;
            }
            try (Stream<Path> s = Files.list(out)) {
                return s.anyMatch(p -> {
                    try {
                        return Files.readString(p).contains("\"type\":\"kernel\"");
                    } catch (Exception ex) {
                        return false;
                    }
                });
            } catch (Exception ex) {
                return false;
            }
        }, ms);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, long ms) {
        long deadline = System.currentTimeMillis() + ms;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not reached in " + ms + " ms");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
