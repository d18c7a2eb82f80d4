package dev.edgenas.gap8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.ir.KernelKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A line that stalls (a USB-UART holding bytes for seconds) between the host-sim firmware and the
 * profiler, at the protocol's real timeouts (no timeout scaling). The firmware process exits long
 * before its bytes arrive; the attempt must wait for them by the protocol's clock.
 */
class LineStallTest {
    static final List<KernelKey> KEYS = List.of(TestKernels.CONV3X3, TestKernels.ADD, TestKernels.MAXPOOL,
            TestKernels.CONCAT, TestKernels.GAP);

    @TempDir
    Path work;

    @BeforeAll
    static void tools() {
        ToolCheck.require("gcc", "gcc");
        ToolCheck.require("socat", "socat");
    }

    /** Frames a fault-free run sends (measured once): stall points are placed by share of it. */
    static int frames;

    record Run(Gap8RunReport report, List<Gap8KernelResult> delivered, int stalls, int forwarded, double seconds) {
        long retries() {
            return report.warnings().stream().filter(w -> w.startsWith("attempt ")).count();
        }
    }

    Run run(FaultRelay.Faults f) throws Exception {
        List<Gap8KernelResult> delivered = new ArrayList<>();
        long t0 = System.nanoTime();
        try (FaultRelay relay = new FaultRelay(work, f)) {
            Gap8Options o = Gap8Options.builder().platform(Gap8Platform.HOST_SIM).workDir(work).reps(5).warmup(1)
                    .simTty(relay.firmwareTty()).port(relay.hostPort()).backoff(Duration.ofMillis(50)).maxAttempts(4)
                    .build();
            Gap8RunReport r = Gap8Profiler.run(KEYS, o, delivered::add);
            return new Run(r, delivered, relay.stalls, relay.framesForwarded, (System.nanoTime() - t0) / 1e9);
        }
    }

    static void assertAllOnce(Run r) {
        Set<KernelKey> seen = new HashSet<>();
        for (Gap8KernelResult k : r.delivered()) {
            assertTrue(seen.add(k.key()), "delivered twice: " + k.key());
            assertTrue(k.checksumOk(), "checksum of " + k.key());
            assertEquals(5, k.cycles().length);
        }
        assertEquals(new HashSet<>(KEYS), seen, "the same kernels as a fault-free run");
        assertEquals(r.delivered(), r.report().results());
    }

    synchronized int frames() throws Exception {
        if (frames == 0) {
            Run clean = run(new FaultRelay.Faults());
            assertAllOnce(clean);
            assertEquals(0, clean.retries(), clean.report().warnings().toString());
            frames = clean.forwarded();
        }
        return frames;
    }

    /**
     * 1 s and 5 s stalls at the first HELLO, mid-batch and before the last frame (END): at most one
     * retry each, and the same kernels, each once with all its samples, as the fault-free run.
     */
    @ParameterizedTest(name = "{1} ms stall at {0} of the frames")
    @CsvSource({"0.0, 1000", "0.0, 5000", "0.5, 5000", "1.0, 5000"})
    void aStallCostsAtMostOneRetry(double share, long ms) throws Exception {
        int frame = Math.max(1, (int) Math.round(share * frames()));
        Run r = run(FaultRelay.Faults.stall(frame, ms));
        System.out.printf("line stall %d ms at frame %d: %d retries, %.1f s, warnings %s%n", ms, frame, r.retries(),
                r.seconds(), r.report().warnings());
        assertEquals(1, r.stalls(), "the stall did not happen");
        assertAllOnce(r);
        assertTrue(r.retries() <= 1, "retries: " + r.report().warnings());
    }

    /** 15 s is longer than the boot timeout: the attempt times out, says what the line held, and a retry recovers. */
    @Test
    void aFifteenSecondStallIsDiagnosedAndRecovered() throws Exception {
        Run r = run(FaultRelay.Faults.stall(1, 15_000));
        System.out.printf("line stall 15 s at HELLO: %d retries, %.1f s, warnings %s%n", r.retries(), r.seconds(),
                r.report().warnings());
        assertAllOnce(r);
        assertTrue(r.retries() >= 1, "a 15 s stall at HELLO exceeds the 10 s boot timeout");
        String w = r.report().warnings().get(0);
        assertTrue(w.contains("nothing arrived on the line") && w.contains("exited with code 0"), w);
    }
}
