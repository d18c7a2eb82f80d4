package dev.edgenas.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The exit gate: calls in flight finish, nested ones go on, new ones are held, and the wait is bounded. */
class NativeCallsTest {
    private static Thread daemon(NativeCalls.Call<?, ? extends Exception> work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (Exception e) {
                // the tests check what ran, not how it ended
            }
        }, "native-call");
        t.setDaemon(true); // a held thread must not keep the test JVM alive
        t.start();
        return t;
    }

    @Test
    void closeWaitsForTheCallInFlightLetsItsNestedCallsRunAndHoldsNewOnes() throws Exception {
        NativeCalls gate = new NativeCalls(10_000);
        CountDownLatch inside = new CountDownLatch(1);
        AtomicBoolean nestedRan = new AtomicBoolean();
        AtomicBoolean outerDone = new AtomicBoolean();
        daemon(() -> gate.call(() -> {
            inside.countDown();
            Thread.sleep(300); // still running when the exit begins
            gate.call(() -> nestedRan.getAndSet(true)); // part of the same unit
            outerDone.set(true);
            return null;
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        assertEquals(1, gate.inFlight());
        assertTrue(gate.close(), "drained");
        assertTrue(outerDone.get() && nestedRan.get(), "close returned before the call in flight finished");
        assertEquals(0, gate.inFlight());

        AtomicBoolean lateRan = new AtomicBoolean();
        Thread late = daemon(() -> gate.call(() -> lateRan.getAndSet(true)));
        late.join(300);
        assertTrue(late.isAlive(), "a call after the exit began must wait for the end");
        late.interrupt(); // a pool's shutdownNow: still held
        late.join(200);
        assertTrue(late.isAlive());
        assertFalse(lateRan.get());
        assertTrue(gate.close(), "idempotent");
    }

    @Test
    void theWaitIsBounded() throws Exception {
        NativeCalls gate = new NativeCalls(300);
        CountDownLatch inside = new CountDownLatch(1);
        daemon(() -> gate.call(() -> {
            inside.countDown();
            Thread.sleep(60_000); // a stuck native call
            return null;
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        assertFalse(gate.close(), "reported as not drained");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 250 && ms < 5_000, ms + " ms");
    }

    @Test
    void outsideAnExitCallsPassThroughWithTheirExceptions() {
        NativeCalls gate = new NativeCalls(1_000);
        assertEquals(42, (int) gate.call(() -> 42));
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> gate.call(() -> {
                    throw new java.io.IOException("native failure");
                }));
        assertEquals("native failure", e.getMessage());
        assertEquals(0, gate.inFlight());
    }
}
