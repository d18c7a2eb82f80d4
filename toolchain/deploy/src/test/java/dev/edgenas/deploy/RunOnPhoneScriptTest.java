package dev.edgenas.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.android.sim.AdbdSimulator;
import dev.edgenas.android.sim.DeviceDescription;
import dev.edgenas.deploy.bundle.AndroidBundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run-on-phone.sh of an android bundle, run with the real adb client against edgenas' simulated phone
 * (adbd protocol over TCP; its app_process runs the agent on this JVM's ONNX Runtime). A private adb
 * server port keeps the test away from any other adb server.
 */
class RunOnPhoneScriptTest {
    @TempDir
    Path dir;

    @Test
    void scriptPushesBothModelsAndRunsTheAgentBenchmark() throws Exception {
        DeployOptions o = TinyFixtures.options(dir, Target.ANDROID);
        o.valImages = 2;
        Deployer.deploy(o);
        // stand-ins for the AAR's files: the simulated phone checks they were pushed, then uses desktop ORT
        Path ort = dir.resolve("ort");
        Files.createDirectories(ort.resolve("lib"));
        Files.copy(o.out.resolve("agent.jar"), ort.resolve("ort-dex.jar"));
        Files.write(ort.resolve("lib/libonnxruntime.so"), new byte[0]);
        Files.write(ort.resolve("lib/libonnxruntime4j_jni.so"), new byte[0]);
        Map<String, String> env = Map.of("ANDROID_ADB_SERVER_PORT", Integer.toString(15037 + (int) (ProcessHandle.current().pid() % 1000)));
        AdbdSimulator phone = AdbdSimulator.start(0, Files.createDirectories(dir.resolve("phone")), DeviceDescription.typical());
        try {
            run(env, List.of("adb", "connect", phone.serial()), dir, 60);
            String out = run(env, List.of("sh", o.out.resolve(AndroidBundle.SCRIPT).toString(), phone.serial(),
                    ort.toString()), o.out, 300);
            assertTrue(out.contains("int8: median") && out.contains("fp32: median"), out);
            // pinned like 'edgenas profile --cores big': the 2.4 GHz cluster, CPUs 4-7, one thread per core
            assertTrue(out.contains("cores: big, mask f0 (4 CPUs)"), out);
            assertEquals(List.of(0xf0L, 0xf0L), phone.affinityMasks());
            // a mask naming CPUs the phone lacks is refused before anything is pushed
            String bad = runFailing(env, List.of("sh", o.out.resolve(AndroidBundle.SCRIPT).toString(), phone.serial(),
                    ort.toString(), "1", "0x100"), o.out);
            assertTrue(bad.contains("mask 100 names CPUs the phone does not have (it has mask ff)"), bad);
            assertEquals(dev.edgenas.android.OrtAndroidLibraries.ORT_VERSION, AndroidBundle.ORT_VERSION);
            for (String m : List.of("int8", "fp32")) {
                String jsonl = Files.readString(o.out.resolve("bench-" + m + ".jsonl"));
                assertTrue(jsonl.contains("\"samplesNs\":[") && jsonl.contains("\"kernel\":\"" + m + "\""), jsonl);
                assertTrue(jsonl.contains("\"threads\":4") && jsonl.contains("\"ortExpected\":\"1.29.0\""), jsonl);
            }
        } finally {
            run(env, List.of("adb", "kill-server"), dir, 60);
            phone.stop();
        }
    }

    private static String runFailing(Map<String, String> env, List<String> cmd, Path cwd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        return out;
    }

    private static String run(Map<String, String> env, List<String> cmd, Path cwd, int seconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (java.io.IOException e) {
            throw new AssertionError(cmd.get(0) + " missing: apt-get install adb", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), String.join(" ", cmd) + " timed out");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
        return out;
    }
}
