package dev.edgenas.gap8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.ir.KernelKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on the host: codegen, gcc build of the firmware with the PMSIS host layer,
 * single-core reference run, the firmware writing frames into a socat pty at 115200 baud pacing,
 * jSerialComm reading the other end, the parser producing results.
 */
class HostSimEndToEndTest {
    @TempDir
    Path work;

    @Test
    void everyKernelOfAMixedBatchIsMeasuredWithMatchingChecksum() {
        ToolCheck.require("gcc", "gcc");
        ToolCheck.require("socat", "socat");
        List<KernelKey> keys = new ArrayList<>(TestKernels.mixed());
        keys.add(TestKernels.BIG_L2);
        keys.add(TestKernels.CONV3X3); // a duplicate: measured once
        List<Gap8KernelResult> seen = new ArrayList<>();
        Gap8Options o = Gap8Options.builder().platform(Gap8Platform.HOST_SIM).workDir(work).reps(5).warmup(1)
                .clHz(100_000_000).fcHz(200_000_000).build();
        long t0 = System.nanoTime();
        Gap8RunReport r = Gap8Profiler.run(keys, o, seen::add);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("host-sim batch of %d kernels: %.2f s%n", seen.size(), seconds);

        assertEquals(seen, r.results());
        Set<KernelKey> measured = new HashSet<>();
        for (Gap8KernelResult k : seen) {
            assertTrue(measured.add(k.key()), "delivered twice: " + k.key());
            assertTrue(k.checksumOk(), "checksum differs from the single-core reference: " + k.key());
            assertEquals("host-sim", k.platform());
            assertFalse(k.isGap8Latency());
            assertEquals(100_000_000.0, k.clHz());
            assertEquals(200_000_000.0, k.fcHz());
            assertEquals(5, k.cycles().length);
            assertTrue(k.minCycles() > 0 && k.minCycles() <= k.medianCycles() && k.medianCycles() <= k.maxCycles());
            assertEquals(k.key().equals(TestKernels.BIG_L2), k.fromL2(), "placement of " + k.key());
        }
        assertEquals(new HashSet<>(keys), measured);
        assertTrue(r.unsupported().isEmpty(), r.unsupported().toString());
        assertTrue(Files.exists(r.runDir().resolve("batch-0/attempt-1/uart.raw")));
        assertTrue(r.commands().stream().anyMatch(c -> c.startsWith("gcc ")), r.commands().toString());
    }
}
