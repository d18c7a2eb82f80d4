package dev.edgenas.gap8.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    @Test
    void crcIsCcittFalse() {
        assertEquals(0x29B1, Crc16.of("123456789"));
        assertEquals(0xFFFF, Crc16.of(""));
    }

    @Test
    void encodeDecodeRoundTrip() {
        String line = FrameCodec.encode(42, "RESULT", 3, 100, 120, 190, "00C0FFEE", "L1");
        assertEquals('\n', line.charAt(line.length() - 1));
        Frame f = FrameCodec.decode(line.substring(0, line.length() - 1) + "\r");
        assertEquals(42, f.seq());
        assertEquals("RESULT", f.type());
        assertEquals(List.of("3", "100", "120", "190", "00C0FFEE", "L1"), f.fields());
        assertEquals(0xC0FFEE, f.hexField(4));
    }

    @Test
    void everySingleByteCorruptionIsDetected() {
        String line = FrameCodec.encode(7, "SAMPLE", 1, 2, 123456).trim();
        for (int i = 1; i < line.length(); i++) {
            char[] c = line.toCharArray();
            c[i] = (char) (c[i] == '9' ? '8' : c[i] + 1);
            String bad = new String(c);
            assertThrows(FrameException.class, () -> FrameCodec.decode(bad), bad);
        }
    }

    @Test
    void otherVersionIsReportedAsSuch() {
        String body = "EN2,0,HELLO,2";
        String line = "$" + body + "*" + String.format("%04X", Crc16.of(body));
        assertEquals(FrameError.VERSION, assertThrows(FrameException.class, () -> FrameCodec.decode(line)).error());
    }

    @Test
    void fieldsWithSeparatorsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FrameCodec.encode(0, "STATUS", "a,b"));
        assertThrows(IllegalArgumentException.class, () -> FrameCodec.encode(0, "STATUS", "a*b"));
    }

    @Test
    void readerResynchronisesAfterNoiseAndCutFrames() {
        List<Frame> frames = new ArrayList<>();
        List<FrameError> errors = new ArrayList<>();
        FrameReader r = new FrameReader(new FrameReader.Listener() {
            public void onFrame(Frame f) {
                frames.add(f);
            }

            public void onError(FrameError e, String d) {
                errors.add(e);
            }
        });
        String a = FrameCodec.encode(0, "HELLO", 1, "abcd1234", "gap8", 250000000, 175000000, 8, "board");
        String b = FrameCodec.encode(1, "CONFIG", 5, 2, 10, 1);
        String c = FrameCodec.encode(2, "START", 0, "L1");
        String stream = "boot banner $$ noise\r\n" + a + "xx" + b.substring(0, 12) // b loses its tail
                + c + "$EN1,3,SAMPLE,0,0,1*0000\n" // bad CRC
                + "$" + "9".repeat(300) + "\n" + b; // overlong, then b intact
        byte[] bytes = stream.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length; i += 7) { // arbitrary chunking
            r.feed(bytes, i, Math.min(7, bytes.length - i));
        }
        assertEquals(List.of("HELLO", "START", "CONFIG"), frames.stream().map(Frame::type).toList());
        assertEquals(List.of(FrameError.TRUNCATED, FrameError.CRC), errors);
        assertEquals(true, r.garbageBytes() > 0);
    }
}
