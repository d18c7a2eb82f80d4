package dev.edgenas.android.sim;

import dev.edgenas.agent.android.AgentMain;
import dev.edgenas.core.ChildProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * "app_process [-Dk=v...] PARENT_DIR MAIN args" on the simulated phone. It checks what a phone would
 * need (every CLASSPATH entry pushed and holding classes.dex), then runs the agent's main class in a
 * child host JVM with the agent's plain jar and the desktop ONNX Runtime. Absolute device paths in
 * the arguments and -D options are mapped into the sandbox; the agent reads the simulated sysfs
 * through -Dedgenas.agent.root. A description with an Android vendor makes the agent set java.vendor
 * to it before ORT starts, so the agent's and ORT's Android code paths run on the host.
 */
final class AppProcessLauncher {
    private final AdbdSimulator device;
    private volatile Process running;

    AppProcessLauncher(AdbdSimulator device) {
        this.device = device;
    }

    void cancel() {
        Process p = running;
        if (p != null) {
            ChildProcess.killTree(p.toHandle());
        }
    }

    int run(List<String> args, Map<String, String> env, OutputStream out, OutputStream err)
            throws IOException, Sandbox.SandboxEscapeException {
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        List<String> vmOptions = new ArrayList<>();
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            vmOptions.add(args.get(i++));
        }
        if (args.size() - i < 2) {
            e.println("Usage: app_process [java-options] cmd-dir start-class-name [options]");
            return 1;
        }
        String mainClass = args.get(i + 1);
        String classpath = env.getOrDefault("CLASSPATH", "");
        for (String entry : classpath.split(":")) {
            if (entry.isEmpty()) {
                continue;
            }
            Path p = device.sandbox().resolve(entry);
            if (!Files.isRegularFile(p) || !holdsDex(p)) {
                e.println("java.lang.ClassNotFoundException: " + mainClass + " (" + entry + " is missing or holds no classes.dex)");
                return 1;
            }
        }
        if (!mainClass.equals(AgentMain.class.getName())) {
            e.println("edgenas simulator: app_process can only run " + AgentMain.class.getName() + ", not " + mainClass);
            return 1;
        }
        Integer failCode = device.faults().appProcessExitCode;
        if (failCode != null) {
            e.println("libc: Fatal signal 6 (SIGABRT) in app_process (simulated fault)");
            return failCode;
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", hostClasspath(),
                "-Dedgenas.agent.root=" + device.sandbox().root(),
                "-Dedgenas.agent.thermalFile=" + device.thermal().file()));
        if (device.description().vendor() != null) {
            cmd.add("-Dedgenas.agent.simulatedVendor=" + device.description().vendor());
        }
        for (String o : vmOptions) {
            // -Dname=/device/path: the path is the phone's, so it is mapped into the sandbox like arguments
            int eq = o.indexOf('=');
            if (o.startsWith("-D") && eq > 2) {
                String v = o.substring(eq + 1);
                cmd.add(o.substring(0, eq + 1) + (v.startsWith("/") ? device.sandbox().resolve(v).toString() : v));
            }
        }
        Integer crashAfter = device.faults().agentCrashAfterKernels;
        if (crashAfter != null) {
            cmd.add("-Dedgenas.agent.faultAfterKernels=" + crashAfter);
        }
        cmd.add(mainClass);
        for (String a : args.subList(i + 2, args.size())) {
            cmd.add(a.startsWith("/") ? device.sandbox().resolve(a).toString() : a);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(device.sandbox().root().toFile());
        pb.environment().remove("CLASSPATH");
        pb.environment().remove("LD_LIBRARY_PATH");
        device.clocks().agentStarting();
        Process p;
        try {
            p = pb.start();
        } catch (IOException ex) {
            device.clocks().agentExited();
            throw ex;
        }
        running = p;
        device.track(p);
        try {
            p.getOutputStream().close();
            Thread pumpOut = pump(p.getInputStream(), out);
            Thread pumpErr = pump(p.getErrorStream(), err);
            int rc = p.waitFor();
            pumpOut.join();
            pumpErr.join();
            return rc;
        } catch (InterruptedException ex) {
            ChildProcess.killTree(p.toHandle());
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            running = null;
            device.untrack(p);
            device.clocks().agentExited();
        }
    }

    private static boolean holdsDex(Path jar) {
        try (ZipFile z = new ZipFile(jar.toFile())) {
            return z.getEntry("classes.dex") != null;
        } catch (IOException ex) {
            return false;
        }
    }

    /** The agent's plain classes and the desktop ORT jar, wherever this JVM loaded them from. */
    static String hostClasspath() {
        return location(AgentMain.class) + java.io.File.pathSeparator + location(ai.onnxruntime.OrtEnvironment.class);
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException ex) {
            throw new IllegalStateException("cannot locate " + c.getName(), ex);
        }
    }

    private static Thread pump(InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            int n;
            try (in) {
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // the host went away; the process is being killed
            }
        }, "adb-sim-app-process-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
