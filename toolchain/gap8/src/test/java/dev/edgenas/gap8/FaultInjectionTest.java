package dev.edgenas.gap8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
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

/**
 * Line faults injected between the host-sim firmware and the profiler, on real ptys. Each must
 * be recovered by a retry or end in a clear error; an entry is never lost (when the run
 * succeeds) and never delivered twice (ever).
 */
class FaultInjectionTest {
    static final List<KernelKey> KEYS = List.of(TestKernels.CONV3X3, TestKernels.ADD, TestKernels.MAXPOOL,
            TestKernels.CONCAT, TestKernels.GAP);

    @TempDir
    Path work;

    final List<Gap8KernelResult> delivered = new ArrayList<>();
    final List<Gap8Capture> captures = new ArrayList<>();

    @BeforeAll
    static void tools() {
        ToolCheck.require("gcc", "gcc");
        ToolCheck.require("socat", "socat");
    }

    Gap8Options.Builder options(FaultRelay relay) {
        return Gap8Options.builder().platform(Gap8Platform.HOST_SIM).workDir(work).reps(5).warmup(1)
                .simTty(relay.firmwareTty()).port(relay.hostPort()).backoff(Duration.ofMillis(50)).maxAttempts(4)
                .timeoutScale(0.25);
    }

    Gap8RunReport run(FaultRelay.Faults f, java.util.function.UnaryOperator<Gap8Options.Builder> tweak) throws Exception {
        try (FaultRelay relay = new FaultRelay(work, f)) {
            return Gap8Profiler.run(KEYS, tweak.apply(options(relay)).build(), delivered::add, captures::add);
        }
    }

    void assertNoDuplicates() {
        Set<KernelKey> seen = new HashSet<>();
        for (Gap8KernelResult r : delivered) {
            assertTrue(seen.add(r.key()), "delivered twice: " + r.key());
            assertTrue(r.checksumOk(), "checksum of " + r.key());
            assertEquals(5, r.cycles().length);
        }
    }

    void assertAllDeliveredOnce(Gap8RunReport r) {
        assertNoDuplicates();
        assertEquals(new HashSet<>(KEYS), new HashSet<>(delivered.stream().map(Gap8KernelResult::key).toList()));
        assertEquals(delivered, r.results());
        assertCapturesDecodeAsLive();
    }

    /** The bytes of every attempt, decoded again away from the line, give exactly what was delivered live. */
    void assertCapturesDecodeAsLive() {
        java.util.Map<String, List<Long>> again = new java.util.LinkedHashMap<>();
        for (Gap8Capture c : captures) {
            byte[] uart = c.uart();
            dev.edgenas.gap8.protocol.BatchSession s = new dev.edgenas.gap8.protocol.BatchSession(c.expectation(),
                    m -> assertEquals(null, again.put(c.kernels().get(m.index()).canonical(),
                            java.util.Arrays.stream(m.cycles()).boxed().toList()), "decoded twice"));
            new dev.edgenas.gap8.protocol.FrameReader(s).feed(uart, 0, uart.length);
        }
        java.util.Map<String, List<Long>> live = new java.util.LinkedHashMap<>();
        delivered.forEach(d -> live.put(d.key().canonical(), java.util.Arrays.stream(d.cycles()).boxed().toList()));
        assertEquals(live, again);
    }

    /** All frame logs of the run, concatenated: proof of what the host saw. */
    static String frameLogs(Gap8RunReport r) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        try (var s = java.nio.file.Files.walk(r.runDir())) {
            for (Path p : (Iterable<Path>) s.filter(x -> x.endsWith("frames.log"))::iterator) {
                sb.append(java.nio.file.Files.readString(p));
            }
        }
        return sb.toString();
    }

    @Test
    void corruptedDroppedAndDuplicatedFramesAreRecovered() throws Exception {
        FaultRelay.Faults f = new FaultRelay.Faults();
        // ~4% of frames corrupted, 2% dropped, 5% doubled: a kernel's 9 frames all pass in ~60% of
        // runs, so 12 fruitless attempts in a row (a spurious failure) has odds below 1e-4
        f.corruptByte = 0.001;
        f.dropFrame = 0.02;
        f.duplicateFrame = 0.05;
        f.seed = 7;
        f.corruptAt = Set.of(4, 15, 33);  // plus some for sure
        f.dropAt = Set.of(9);
        f.duplicateAt = Set.of(2, 20);
        Gap8RunReport r = run(f, b -> b.maxAttempts(12));
        assertAllDeliveredOnce(r);
        String logs = frameLogs(r);
        assertTrue(logs.contains("\n! "), "no corrupted frame reached the host");
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("line problem")), "no retry: " + r.warnings());
        assertTrue(captures.size() > 1, "one capture for several attempts: " + captures.size());
        assertTrue(logs.matches("(?s).*duplicates=[1-9].*"), "no duplicate reached the host");
        System.out.println("corruption run warnings: " + r.warnings());
    }

    @Test
    void deviceResetMidBatchRepeatsNothing() throws Exception {
        FaultRelay.Faults f = new FaultRelay.Faults();
        f.resetAtFrame = 20;
        Gap8RunReport r = run(f, b -> b);
        assertAllDeliveredOnce(r);
        assertTrue(frameLogs(r).contains("resets=1"), "the host did not see the second HELLO");
    }

    @Test
    void silenceMidBatchIsAHangThatARetryRecovers() throws Exception {
        FaultRelay.Faults f = new FaultRelay.Faults();
        f.silenceFromFrame = 12;
        Gap8RunReport r = run(f, b -> b);
        assertAllDeliveredOnce(r);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("HELLO without END")), r.warnings().toString());
    }

    @Test
    void portThatDisappearsAndReturnsIsRecovered() throws Exception {
        FaultRelay.Faults f = new FaultRelay.Faults();
        f.vanishAtFrame = 12;
        f.restoreAfterMs = 300;
        Gap8RunReport r = run(f, b -> b.backoff(Duration.ofMillis(200)));
        assertAllDeliveredOnce(r);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("serial port")), r.warnings().toString());
    }

    @Test
    void portGoneForGoodIsAClearUnreachableError() {
        FaultRelay.Faults f = new FaultRelay.Faults();
        f.vanishAtFrame = 12;
        EdgenasException e = assertThrows(EdgenasException.class, () -> run(f, b -> b.maxAttempts(2)));
        assertEquals(ExitCode.DEVICE_UNREACHABLE, e.exitCode());
        assertTrue(e.getMessage().contains("does not exist") || e.getMessage().contains("disappeared"), e.getMessage());
        assertNoDuplicates();
        assertTrue(delivered.size() < KEYS.size());
    }

    @Test
    void silentBoardIsABootFailure() {
        FaultRelay.Faults f = new FaultRelay.Faults();
        f.silenceAlways = 1;
        EdgenasException e = assertThrows(EdgenasException.class, () -> run(f, b -> b.maxAttempts(2).timeoutScale(0.1)));
        assertEquals(ExitCode.DEVICE_ERROR, e.exitCode());
        assertTrue(e.getMessage().contains("no HELLO"), e.getMessage());
        assertTrue(delivered.isEmpty());
    }

    @Test
    void hopelessLineEndsInALineError() {
        FaultRelay.Faults f = new FaultRelay.Faults();
        f.corruptByte = 0.08;
        EdgenasException e = assertThrows(EdgenasException.class, () -> run(f, b -> b.maxAttempts(2)));
        assertEquals(ExitCode.DEVICE_ERROR, e.exitCode());
        assertTrue(e.getMessage().contains("line problem"), e.getMessage());
        assertNoDuplicates();
    }
}
