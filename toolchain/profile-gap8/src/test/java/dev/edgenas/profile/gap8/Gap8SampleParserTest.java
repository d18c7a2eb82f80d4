package dev.edgenas.profile.gap8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.gap8.protocol.FrameCodec;
import dev.edgenas.profile.DeviceFacts;
import dev.edgenas.profile.Kernels;
import dev.edgenas.profile.RawOutput;
import dev.edgenas.profile.RawSamples;
import dev.edgenas.profile.SampleUnit;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The GAP8 parser alone, fed with UART bytes recorded from host-sim runs (no gcc, no pty). */
class Gap8SampleParserTest {
    static final byte[] TWO = Recordings.bytes("host-sim-conv16-conv64.uart");
    static final byte[] FIVE = Recordings.bytes("host-sim-5kernels-cl175.uart");

    static Gap8SampleParser parser(long clHz) {
        return new Gap8SampleParser(new DeviceFacts("gap8:test", "test", "gap8", true, "", 8, "", "",
                Map.of(DeviceFacts.COMPUTE_CLOCK, clHz), "", "", 8, "", Map.of()));
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void decodesEveryKernelsCyclesFromTheFrames() {
        List<RawSamples> s = parser(100_000_000L).parse(Recordings.output("rec", Recordings.twoConvs(TWO)));
        assertEquals(List.of(Recordings.CONV16.canonical(), Recordings.CONV64.canonical()),
                s.stream().map(RawSamples::key).toList());
        assertEquals(SampleUnit.CYCLES, s.get(0).unit());
        // the SAMPLE frames' values in repetition order, as the live session reported them during the recording
        assertArrayEquals(new double[] {4286, 4227, 4387}, s.get(0).values());
        assertEquals(3, s.get(1).values().length);
        assertTrue(s.get(1).values()[0] > 4 * s.get(0).values()[0], "4x the channels costs more cycles");
    }

    @Test
    void theEmptyKernelIsNamedAsAskedAndOtherClocksAreRefused() {
        List<RawSamples> s = parser(175_000_000L).parse(Recordings.output("rec", Recordings.fiveAt175(FIVE)));
        assertEquals(5, s.size());
        assertEquals(Kernels.EMPTY.canonical(), s.get(4).key());
        EdgenasException e = assertThrows(EdgenasException.class,
                () -> parser(100_000_000L).parse(Recordings.output("rec", Recordings.fiveAt175(FIVE))));
        assertEquals(ExitCode.DEVICE_ERROR, e.exitCode());
        assertTrue(e.getMessage().contains("175000000"), e.getMessage());
    }

    @Test
    void encodingKeepsEveryByte() {
        byte[] noisy = ("boot\r\n\u0000\u00ff garbage $E" + text(TWO) + "tail without line end").getBytes(StandardCharsets.ISO_8859_1);
        Gap8UartOutput.Run back = Gap8UartOutput.decode(Recordings.output("rec", Recordings.twoConvs(noisy))).get(0);
        assertArrayEquals(noisy, back.capture().uart());
        assertEquals(List.of(Recordings.CONV16, Recordings.CONV64), back.asked());
    }

    @Test
    void resyncsAfterNoiseAndDropsOnlyTheKernelWithABadFrame() {
        // flip one digit inside kernel 0's second SAMPLE: its CRC no longer matches
        String t = text(TWO);
        int at = t.indexOf(",SAMPLE,0,1,") + ",SAMPLE,0,1,".length();
        String broken = "boot banner\r\n\u0007$$E" + t.substring(0, at) + (t.charAt(at) == '9' ? '1' : '9') + t.substring(at + 1);
        List<RawSamples> s = parser(100_000_000L).parse(Recordings.output("rec",
                Recordings.twoConvs(broken.getBytes(StandardCharsets.ISO_8859_1))));
        assertEquals(List.of(Recordings.CONV64.canonical()), s.stream().map(RawSamples::key).toList());
    }

    @Test
    void aRetryRunSuppliesTheKernelTheFirstRunLost() {
        String t = text(TWO);
        byte[] cut = t.substring(0, t.indexOf("START,1")).getBytes(StandardCharsets.ISO_8859_1); // the line died
        String retry = FrameCodec.encode(0, "HELLO", 1, "797eb5d5", "host", 200000000, 100000000, 8, "host-sim")
                + FrameCodec.encode(1, "CONFIG", 77, 1, 3, 1) + FrameCodec.encode(2, "START", 0, "L1")
                + FrameCodec.encode(3, "SAMPLE", 0, 0, 900) + FrameCodec.encode(4, "SAMPLE", 0, 1, 700)
                + FrameCodec.encode(5, "SAMPLE", 0, 2, 800) + FrameCodec.encode(6, "RESULT", 0, 700, 800, 900, "1234", "L1")
                + FrameCodec.encode(7, "END", 77, 1, 0);
        RawOutput out = Recordings.output("rec", Recordings.twoConvs(cut),
                Recordings.run(77, List.of(Recordings.CONV64), "797eb5d5", retry.getBytes(StandardCharsets.ISO_8859_1)));
        List<RawSamples> s = parser(100_000_000L).parse(out);
        assertEquals(2, s.size());
        assertArrayEquals(new double[] {900, 700, 800}, s.get(1).values());
    }

    @Test
    void staleFirmwareAndMissingHelloAreDeviceErrors() {
        RawOutput stale = Recordings.output("rec", Recordings.run(1611707822L, List.of(Recordings.CONV16, Recordings.CONV64),
                "00000000", TWO));
        EdgenasException e = assertThrows(EdgenasException.class, () -> parser(100_000_000L).parse(stale));
        assertEquals(ExitCode.DEVICE_ERROR, e.exitCode());
        assertTrue(e.getMessage().contains("stale firmware"), e.getMessage());
        String t = text(TWO);
        byte[] noHello = t.substring(t.indexOf('\n') + 1).getBytes(StandardCharsets.ISO_8859_1);
        e = assertThrows(EdgenasException.class,
                () -> parser(100_000_000L).parse(Recordings.output("rec", Recordings.twoConvs(noHello))));
        assertTrue(e.getMessage().contains("no valid HELLO"), e.getMessage());
        e = assertThrows(EdgenasException.class,
                () -> parser(100_000_000L).parse(new RawOutput("rec", List.of("# edgenas-samples 1", "sample cycles x 1"))));
        assertTrue(e.getMessage().startsWith("rec: line 1"), e.getMessage());
    }
}
