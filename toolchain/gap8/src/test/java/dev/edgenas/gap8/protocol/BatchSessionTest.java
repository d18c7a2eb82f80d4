package dev.edgenas.gap8.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSessionTest {
    static final BatchSession.Expectation EXPECT = new BatchSession.Expectation(77, 2, 3, 1, "abcd1234");

    final List<FrameMeasurement> got = new ArrayList<>();
    final BatchSession s = new BatchSession(EXPECT, got::add);

    /** The frames a healthy device sends for this batch, in order. */
    static List<String> healthyRun() {
        List<String> f = new ArrayList<>();
        int[] seq = {0};
        java.util.function.BiConsumer<String, Object[]> add = (t, a) -> f.add(FrameCodec.encode(seq[0]++, t, a));
        add.accept("HELLO", new Object[] {1, "abcd1234", "gap8", 250000000, 175000000, 8, "board"});
        add.accept("CONFIG", new Object[] {77, 2, 3, 1});
        long[][] cycles = {{500, 400, 450}, {9000, 9100, 8900}};
        for (int k = 0; k < 2; k++) {
            add.accept("START", new Object[] {k, "L1"});
            for (int r = 0; r < 3; r++) {
                add.accept("SAMPLE", new Object[] {k, r, cycles[k][r]});
            }
            long[] c = cycles[k];
            add.accept("RESULT", new Object[] {k, FirmwareStats.min(c), FirmwareStats.median(c), FirmwareStats.max(c),
                    "0000BEEF", k == 1 ? "L2" : "L1"});
        }
        add.accept("END", new Object[] {77, 2, 0});
        return f;
    }

    void feed(List<String> frames) {
        for (String f : frames) {
            s.onFrame(FrameCodec.decode(f.trim()));
        }
    }

    @Test
    void healthyRunGivesEveryKernelOnce() {
        feed(healthyRun());
        assertTrue(s.ended());
        assertNull(s.violation());
        assertEquals(2, got.size());
        assertArrayEquals(new long[] {500, 400, 450}, got.get(0).cycles());
        assertEquals(450, got.get(0).medianCycles());
        assertEquals(0xBEEF, got.get(0).checksum());
        assertEquals(true, got.get(1).fromL2());
        assertEquals(175000000, s.hello().clHz());
    }

    @Test
    void aDroppedSampleDiscardsOnlyThatKernel() {
        List<String> f = healthyRun();
        f.remove(4); // SAMPLE 0/1
        feed(f);
        assertEquals(List.of(1), got.stream().map(FrameMeasurement::index).toList());
        assertEquals(1, s.stats().dropped());
        assertTrue(s.ended());
    }

    @Test
    void aLostStartOrResultDiscardsTheKernel() {
        List<String> f = healthyRun();
        f.remove(6); // RESULT 0
        feed(f);
        assertEquals(List.of(1), got.stream().map(FrameMeasurement::index).toList());
    }

    @Test
    void duplicatedFramesAreIgnored() {
        List<String> f = healthyRun();
        List<String> doubled = new ArrayList<>();
        f.forEach(x -> {
            doubled.add(x);
            doubled.add(x);
        });
        feed(doubled);
        assertEquals(2, got.size());
        assertEquals(f.size(), s.stats().duplicates());
    }

    @Test
    void deviceResetRepeatsTheBatchButDeliversEachKernelOnce() {
        List<String> f = healthyRun();
        List<String> withReset = new ArrayList<>(f.subList(0, 10)); // up to the middle of kernel 1
        withReset.addAll(f);                                       // reboot: HELLO seq 0, everything again
        feed(withReset);
        assertEquals(List.of(0, 1), got.stream().map(FrameMeasurement::index).toList());
        assertEquals(1, s.stats().resets());
        assertEquals(1, s.stats().repeatedResults());
    }

    @Test
    void summaryThatContradictsTheSamplesIsRejected() {
        List<String> f = healthyRun();
        f.set(6, FrameCodec.encode(6, "RESULT", 0, 400, 500, 500, "0000BEEF", "L1")); // median wrong
        feed(f);
        assertEquals(List.of(1), got.stream().map(FrameMeasurement::index).toList());
        assertEquals(1, s.stats().inconsistent());
    }

    @Test
    void staleFirmwareOrOtherBatchIsAViolation() {
        List<String> f = healthyRun();
        f.set(1, FrameCodec.encode(1, "CONFIG", 78, 2, 3, 1));
        feed(f);
        assertNotNull(s.violation());
        BatchSession other = new BatchSession(new BatchSession.Expectation(77, 2, 3, 1, "ffff0000"), m -> { });
        other.onFrame(FrameCodec.decode(healthyRun().get(0).trim()));
        assertTrue(other.violation().contains("stale firmware"), other.violation());
    }

    @Test
    void statusReportsAKernelTheDeviceCouldNotAllocate() {
        List<String> f = new ArrayList<>(healthyRun().subList(0, 8));
        f.add(FrameCodec.encode(8, "STATUS", 1, "L2_ALLOC", 600000));
        f.add(FrameCodec.encode(9, "END", 77, 1, 1));
        feed(f);
        assertEquals(1, got.size());
        assertTrue(s.kernelErrors().get(1).startsWith("L2_ALLOC"));
        assertTrue(s.ended());
    }

    @Test
    void framesBeforeHelloAreIgnored() {
        List<String> f = healthyRun();
        feed(f.subList(2, 9)); // joined mid-run: no HELLO, nothing accepted
        assertTrue(got.isEmpty());
        assertNull(s.hello());
    }
}
