package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the lab-bench bash scripts from tests: edgenas is this module's classes, started through a
 * small wrapper (EDGENAS_CMD) with the class path in the CLASSPATH variable, not on the command line
 * (ONNX Runtime 1.29 crashes with Java command lines longer than about 4 KB). adb gets a private
 * server port and HOME, so the user's adb and keys are never touched.
 */
final class LabScripts {
    static final Path ROOT = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve("../..")
            .toAbsolutePath().normalize();

    record Run(int code, String output) {
    }

    final Path dir;
    final Path home;
    final int adbServerPort;
    private final Path wrapper;

    LabScripts(Path dir) throws IOException {
        this.dir = dir;
        this.home = Files.createDirectories(dir.resolve("home"));
        this.adbServerPort = freePort();
        this.wrapper = dir.resolve("edgenas-test");
        Files.writeString(wrapper, "#!/bin/sh\nexec java -Xmx1g -Dai.djl.offline=true -Djava.awt.headless=true "
                + "dev.edgenas.cli.LabCliMain \"$@\"\n");
        wrapper.toFile().setExecutable(true);
        for (String tool : new String[] {"jq:jq", "flock:util-linux", "socat:socat", "adb:adb", "gcc:gcc"}) {
            requireTool(tool.split(":")[0], tool.split(":")[1]);
        }
    }

    static void requireTool(String tool, String debianPackage) {
        for (String d : System.getenv("PATH").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return;
            }
        }
        fail(tool + " not found: install the Debian package " + debianPackage);
    }

    /** The test JVM's class path (surefire passes the real one in surefire.test.class.path). */
    static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    ProcessBuilder builder(List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("CLASSPATH", classPath());
        env.put("EDGENAS_CMD", wrapper.toString());
        env.put("HOME", home.toString());
        env.put("ANDROID_ADB_SERVER_PORT", Integer.toString(adbServerPort));
        return pb;
    }

    Process start(Path log, String script, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", ROOT.resolve("scripts").resolve(script).toString()));
        cmd.addAll(List.of(args));
        return builder(cmd).redirectOutput(log.toFile()).start();
    }

    Run run(int timeoutSeconds, String script, String... args) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, script, ".log");
        Process p = start(log, script, args);
        return finish(p, log, timeoutSeconds);
    }

    static Run finish(Process p, Path log, int timeoutSeconds) throws IOException, InterruptedException {
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            fail("script ran over " + timeoutSeconds + " s:\n" + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log));
    }

    /** Stops this test's adb server (the scripts start it on the private port). */
    void killAdbServer() throws IOException, InterruptedException {
        builder(List.of("adb", "kill-server")).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(20, TimeUnit.SECONDS);
    }

    /** A socat pty pair standing for a GAP8 board's UART: uart is the host's end, fw the firmware's. */
    static Process ptyPair(Path uart, Path fw) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + uart, "pty,raw,echo=0,link=" + fw)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 100 && !(Files.exists(uart) && Files.exists(fw)); i++) {
            Thread.sleep(50);
        }
        if (!Files.exists(uart)) {
            fail("socat made no pty pair at " + uart);
        }
        return p;
    }

    static JsonNode json(Path f) {
        return Json.readTree(f);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
