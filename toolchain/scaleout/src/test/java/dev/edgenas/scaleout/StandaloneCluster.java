package dev.edgenas.scaleout;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A real standalone master and workers, separate JVMs on 127.0.0.1, started by scripts/spark-cluster.sh. */
final class StandaloneCluster implements AutoCloseable {
    static final Path SCRIPT = Path.of("../../scripts/spark-cluster.sh").toAbsolutePath().normalize();
    final Path dir;
    final String url;

    private StandaloneCluster(Path dir, String url) {
        this.dir = dir;
        this.url = url;
    }

    static StandaloneCluster start(Path dir, int workers, String... extra) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(SCRIPT.toString(), "start",
                "--workers", String.valueOf(workers), "--cores", "1", "--memory", "1g", "--port",
                String.valueOf(port), "--dir", dir.toString()));
        cmd.addAll(java.util.List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
            new StandaloneCluster(dir, out).close(); // whatever did start
            throw new IllegalStateException("spark-cluster.sh start failed; logs in " + dir);
        }
        return new StandaloneCluster(dir, out);
    }

    long workerPid(int i) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("worker-" + i + ".pid")).trim());
    }

    @Override
    public void close() throws IOException {
        try {
            new ProcessBuilder(SCRIPT.toString(), "stop", "--dir", dir.toString()).inheritIO().start().waitFor(60,
                    TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
