package dev.edgenas.gap8.device;

import dev.edgenas.core.AtomicFiles;
import dev.edgenas.core.ChildProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A child process (compiler, make, firmware, socat) whose merged output is captured and written
 * to its log file, atomically, when it is closed. Closing kills what is still running, children
 * first, so no firmware or simulator outlives its attempt.
 */
public final class RunningProcess implements AutoCloseable {
    private final Process process;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Thread pump;
    private final Path log;
    private final String commandLine;

    private RunningProcess(Process process, Path log, String commandLine, Consumer<byte[]> tee) {
        this.process = process;
        this.log = log;
        this.commandLine = commandLine;
        this.pump = new Thread(() -> pump(process.getInputStream(), tee), "gap8-output-" + process.pid());
        this.pump.setDaemon(true);
        this.pump.start();
    }

    /** Starts argv in dir with extra environment; tee (may be null) sees the output as it comes. */
    public static RunningProcess start(List<String> argv, Path dir, Map<String, String> env, Path log,
                                       Consumer<byte[]> tee) {
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        try {
            return new RunningProcess(pb.start(), log, Commands.shellLine(env, argv), tee);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + argv.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** Runs to completion (or kills at the timeout) and returns the exit code; -1 on timeout. */
    public static int run(List<String> argv, Path dir, Map<String, String> env, Path log, long timeoutMs) {
        try (RunningProcess p = start(argv, dir, env, log, null)) {
            return p.waitFor(timeoutMs) ? p.exitCode() : -1;
        }
    }

    private void pump(InputStream in, Consumer<byte[]> tee) {
        byte[] buf = new byte[8192];
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                synchronized (output) {
                    output.write(buf, 0, n);
                }
                if (tee != null) {
                    tee.accept(java.util.Arrays.copyOf(buf, n));
                }
            }
        } catch (IOException e) {
            // the process was killed: its pipe closes under us
        }
    }

    public boolean waitFor(long timeoutMs) {
        try {
            return process.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public int exitCode() {
        return process.exitValue();
    }

    /** The last lines of output, for error messages. */
    public String tail(int lines) {
        String s;
        synchronized (output) {
            s = output.toString(StandardCharsets.UTF_8);
        }
        String[] all = s.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length)).trim();
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        ChildProcess.killTree(process.toHandle());
        try {
            pump.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] out;
        synchronized (output) {
            out = output.toByteArray();
        }
        String head = "$ " + commandLine + "\n";
        byte[] all = new byte[head.length() + out.length];
        System.arraycopy(head.getBytes(StandardCharsets.UTF_8), 0, all, 0, head.length());
        System.arraycopy(out, 0, all, head.length(), out.length);
        AtomicFiles.write(log, all);
    }
}
