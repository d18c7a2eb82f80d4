package dev.edgenas.gap8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.gap8.device.Gap8Sdk;
import dev.edgenas.ir.KernelKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profiling firmware built by the GAP SDK's own Makefile against its PMSIS (pulp-os), run on
 * GVSOC, frames read from the simulated UART on GVSOC's console: every checksum must equal the
 * host reference, the clocks must read back as set, and the cycles must be the same on a rerun.
 */
class GvsocEndToEndTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // the run folders (logs, UART capture) stay when it fails
    Path work;

    @Test
    void mixedBatchRunsOnGvsocWithMatchingChecksumsAndRepeatableCycles() throws Exception {
        Gap8Sdk sdk = Gvsoc.requireOrSkip();
        List<KernelKey> keys = List.of(TestKernels.CONV3X3, TestKernels.DWCONV, TestKernels.PWCONV, TestKernels.ADD,
                TestKernels.RESIZE, TestKernels.MAXPOOL);
        Gap8Options o = Gap8Options.builder().platform(Gap8Platform.GVSOC).workDir(work).reps(2).warmup(1).build();
        Map<KernelKey, long[]> first = run(keys, o);
        assertEquals(keys.size(), first.size());
        Path build = Files.list(work).filter(p -> p.getFileName().toString().startsWith("run-")).findFirst().orElseThrow();
        String log = Files.readString(build.resolve("batch-0/attempt-1/build.log"));
        assertTrue(log.contains("riscv32-unknown-elf-gcc"), "built through the SDK's rules: " + log.lines().limit(5).toList());
        // a second run of the same batch: GVSOC is deterministic, cycle counts must not move
        Map<KernelKey, long[]> second = run(keys, o.toBuilder().workDir(work.resolve("again")).build());
        for (KernelKey k : keys) {
            assertArrayEquals(first.get(k), second.get(k), "cycles of " + k + " differ between two GVSOC runs");
        }
        System.out.printf("GVSOC (%s, %s): %s%n", sdk.root(), sdk.commit(), first.entrySet().stream()
                .map(e -> e.getKey().op() + "=" + e.getValue()[0]).toList());
    }

    private static Map<KernelKey, long[]> run(List<KernelKey> keys, Gap8Options o) {
        List<Gap8KernelResult> seen = new ArrayList<>();
        Gap8Profiler.run(keys, o, seen::add);
        Map<KernelKey, long[]> cycles = new LinkedHashMap<>();
        for (Gap8KernelResult r : seen) {
            assertTrue(r.checksumOk(), "GVSOC output differs from the host reference: " + r.key());
            assertEquals("gvsoc", r.platform());
            assertTrue(r.isGap8Latency());
            assertEquals(250_000_000.0, r.fcHz());
            assertEquals(175_000_000.0, r.clHz());
            assertEquals(2, r.cycles().length);
            assertTrue(r.minCycles() > 100, r.key() + " took " + r.minCycles() + " cycles");
            cycles.put(r.key(), r.cycles());
        }
        return cycles;
    }
}
