package dev.edgenas.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one way edgenas runs an outside program to completion (compilers, make, adb, a browser): output
 * and error are drained while it runs (a full pipe cannot stall it), and at the time limit, or when
 * the calling thread is interrupted, the whole process tree is killed, not only the direct child: a
 * {@code make} or a shell that started a compiler or a simulator would otherwise leave it running,
 * holding the output pipe open and the CPU busy.
 */
public final class ChildProcess {
    /**
     * @param exit     the exit code; -1 when the time limit was reached
     * @param stdout   standard output (or the merged output with {@code redirectErrorStream}); empty when
     *                 the builder redirects it elsewhere
     * @param stderr   standard error, when not merged or redirected
     * @param timedOut whether the limit was reached and the tree killed
     */
    public record Result(int exit, String stdout, String stderr, boolean timedOut) {
    }

    private ChildProcess() {
    }

    /**
     * Starts the builder's command and waits for it at most {@code limit}.
     *
     * @throws IOException          when the program cannot be started (not installed, not executable)
     * @throws InterruptedException when the calling thread is interrupted; the tree is killed first
     */
    public static Result run(ProcessBuilder pb, Duration limit) throws IOException, InterruptedException {
        Process p = pb.start();
        p.getOutputStream().close(); // nothing to say on stdin
        Drain out = new Drain(p.getInputStream(), "out-" + p.pid());
        Drain err = new Drain(p.getErrorStream(), "err-" + p.pid());
        try {
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(p.toHandle());
                return new Result(-1, out.text(), err.text(), true);
            }
            return new Result(p.exitValue(), out.text(), err.text(), false);
        } catch (InterruptedException e) {
            killTree(p.toHandle());
            throw e;
        }
    }

    /**
     * Kills a process and everything it started. The descendants are listed before the root dies
     * (after that they are re-parented and no longer found), the root is killed first so it starts
     * nothing new, then each descendant; waits briefly for the root to be gone.
     */
    public static void killTree(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        root.destroyForcibly();
        for (ProcessHandle h : tree) {
            // a descendant may have forked after the listing: take its children too
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
        }
        try {
            root.onExit().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // SIGKILL cannot be refused; a root still listed here is a zombie being reaped
        }
    }

    /** Reads a stream to its end on a daemon thread. */
    private static final class Drain {
        private final Thread thread;
        private volatile byte[] bytes = new byte[0];

        Drain(InputStream in, String name) {
            thread = new Thread(() -> {
                try (in) {
                    bytes = in.readAllBytes();
                } catch (IOException e) {
                    // the pipe closed under us when the tree was killed: keep what arrived (nothing)
                }
            }, "child-" + name);
            thread.setDaemon(true);
            thread.start();
        }

        /** The text read; waits at most 5 s for the end of the stream (every writer is gone by now). */
        String text() throws InterruptedException {
            thread.join(5000);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
