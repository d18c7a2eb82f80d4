package dev.edgenas.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** edgenas in a JVM of its own, started the way ./edgenas starts it, for tests that kill it. */
final class ChildCli {
    private ChildCli() {
    }

    /**
     * Starts {@code edgenas args} with its stdout and stderr in {@code log}; a JVM crash report would go to
     * {@code dir/hs_err_<pid>.log} (see {@link #crashReports}).
     */
    static Process start(Path dir, Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx2g");
        cmd.add("-Dai.djl.offline=true");
        cmd.add("-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"));
        cmd.add("-jar");
        cmd.add(launcherJar(dir).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(System.getProperty("user.dir")));
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        return pb.start();
    }

    /** The JVM crash reports children started in {@code dir} left. */
    static List<Path> crashReports(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("hs_err_")).toList();
        }
    }

    /**
     * The test's class path as a manifest-only jar, run with -jar like the real launcher. (The same
     * entries passed with -cp made ONNX Runtime crash with SIGSEGV in this JVM setup; through a
     * manifest, as surefire and ./edgenas do, they run fine.)
     */
    private static synchronized Path launcherJar(Path dir) throws Exception {
        Path jar = dir.resolve("launcher.jar");
        if (!Files.exists(jar)) {
            java.util.jar.Manifest m = new java.util.jar.Manifest();
            m.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
            m.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, EdgenasCli.class.getName());
            StringBuilder cp = new StringBuilder();
            for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
                cp.append(Path.of(e).toUri().toURL().toExternalForm()).append(' ');
            }
            m.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, cp.toString().trim());
            try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), m)) {
                out.flush();
            }
        }
        return jar;
    }
}
