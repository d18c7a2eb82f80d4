package dev.edgenas.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Native inference and training calls (ONNX Runtime, PyTorch) that the JVM's exit must not cut through. On SIGTERM
 * or Ctrl-C the JVM runs its shutdown hooks, ONNX Runtime's among them, which releases the native environment while
 * other threads may still be inside {@code OrtSession.run}: that crashed the process (SIGSEGV, an hs_err file in the
 * working directory, exit 134 instead of 143; seen on a search stopped by {@code timeout}). Hooks run in no fixed
 * order, so a hook cannot prevent it; {@link #exitOnSignals()} takes over the signals instead and {@link #drain()}s
 * before the exit begins: the calls in flight finish (for at most {@link #DRAIN_MS}) and new ones are held until
 * the process is gone. Nothing is lost by holding them: journals and checkpoints make every long job resumable.
 */
public final class NativeCalls {
    /** How long an exit waits for calls in flight: longer than any single batch or training step takes. */
    public static final long DRAIN_MS = 20_000;
    private static final NativeCalls PROCESS = new NativeCalls(DRAIN_MS);

    static {
        try {
            // for exits not started by a signal (System.exit elsewhere, the last thread ending); races ORT's own hook
            Runtime.getRuntime().addShutdownHook(new Thread(PROCESS::close, "edgenas-native-drain"));
        } catch (IllegalStateException shutdownInProgress) {
            PROCESS.exiting = true; // first used during an exit: hold every call
        }
    }

    private final long drainMs;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Guards this thread is inside: a nested call goes on during an exit, its outer unit is counted already. */
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
    private volatile boolean exiting;

    /** A gate of its own (tests); the process has one, behind the static methods. */
    NativeCalls(long drainMs) {
        this.drainMs = drainMs;
    }

    /** A native call that may throw a checked exception. */
    @FunctionalInterface
    public interface Call<T, E extends Exception> {
        T run() throws E;
    }

    /** Runs {@code call} unless the JVM is exiting; during an exit the calling thread waits for the end instead. */
    public static <T, E extends Exception> T run(Call<T, E> call) throws E {
        return PROCESS.call(call);
    }

    /** No new calls from now on, then wait (bounded) for the ones in flight. Idempotent. */
    public static void drain() {
        PROCESS.close();
    }

    /**
     * SIGTERM, SIGINT and SIGHUP drain first and then exit with 128 + the signal's number, the status their default
     * action gives. For the command line's main; a library user keeps the JVM's own handling.
     */
    @SuppressWarnings("removal") // sun.misc.Signal: the JDK's only way to act before the shutdown hooks start
    public static void exitOnSignals() {
        for (String name : new String[] {"TERM", "INT", "HUP"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> {
                    drain();
                    // 143 = ExitCode.TERMINATED, 130 = ExitCode.INTERRUPTED, 129 for a hang-up
                    System.exit(128 + s.getNumber());
                });
            } catch (IllegalArgumentException unavailable) {
                // a signal this VM reserves (e.g. under -Xrs): its default handling stays
            }
        }
    }

    <T, E extends Exception> T call(Call<T, E> call) throws E {
        int[] d = depth.get();
        if (d[0] > 0) {
            d[0]++;
            try {
                return call.run();
            } finally {
                d[0]--;
            }
        }
        enter();
        d[0] = 1;
        try {
            return call.run();
        } finally {
            d[0] = 0;
            leave();
        }
    }

    /** The calls running now. */
    int inFlight() {
        return inFlight.get();
    }

    private void enter() {
        while (true) {
            if (exiting) {
                holdUntilExit();
            }
            inFlight.incrementAndGet();
            if (!exiting) {
                return;
            }
            leave(); // the exit began between the check and the count: do not start
        }
    }

    private void leave() {
        if (inFlight.decrementAndGet() == 0 && exiting) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    private static void holdUntilExit() {
        while (true) { // interrupts (a pool's shutdownNow) do not matter any more: the process is ending
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException ignored) {
                // keep holding
            }
        }
    }

    /** No new calls, then wait for the ones in flight; false when some were still running after the drain time. */
    synchronized boolean close() {
        exiting = true;
        long deadline = System.nanoTime() + drainMs * 1_000_000;
        while (inFlight.get() > 0) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                System.err.println("edgenas: " + inFlight.get() + " native call(s) still running at exit");
                return false;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                return false;
            }
        }
        return true;
    }
}
