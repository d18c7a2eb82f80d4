package dev.edgenas.gap8.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Encodes and decodes the ASCII frames specified in docs/GAP8-SERIAL-PROTOCOL.md.
 * The CRC covers the bytes between '$' and '*'.
 */
public final class FrameCodec {
    /** Protocol version spoken by this host; the "1" of "EN1". */
    public static final int VERSION = 1;
    /** Longest legal frame including '$', '*', CRC and line end; longer input is noise. */
    public static final int MAX_FRAME = 160;

    private FrameCodec() {
    }

    /** The full frame text, line end included. Fields must not contain ',', '*', '$' or control bytes. */
    public static String encode(long seq, String type, Object... fields) {
        StringBuilder body = new StringBuilder("EN").append(VERSION).append(',').append(seq).append(',').append(type);
        for (Object f : fields) {
            String s = String.valueOf(f);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == ',' || c == '*' || c == '$' || c < 0x21 || c > 0x7E) {
                    throw new IllegalArgumentException("illegal character in frame field: " + s);
                }
            }
            body.append(',').append(s);
        }
        return "$" + body + "*" + String.format(Locale.ROOT, "%04X", Crc16.of(body.toString())) + "\n";
    }

    /**
     * Decodes one frame: text from '$' up to (not including) the line end; a trailing '\r' is
     * tolerated. Throws FrameException classified as CRC, VERSION or MALFORMED.
     */
    public static Frame decode(String text) {
        String t = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        int star = t.lastIndexOf('*');
        if (!t.startsWith("$") || star < 0 || t.length() - star != 5) {
            throw new FrameException(FrameError.MALFORMED, "no '$...*CRC' envelope: " + t);
        }
        String body = t.substring(1, star);
        int crc;
        try {
            crc = Integer.parseInt(t.substring(star + 1), 16);
        } catch (NumberFormatException e) {
            throw new FrameException(FrameError.MALFORMED, "CRC is not hex: " + t);
        }
        if (crc != Crc16.of(body)) {
            throw new FrameException(FrameError.CRC, "CRC mismatch: " + t);
        }
        List<String> parts = split(body);
        if (parts.size() < 3 || !parts.get(0).startsWith("EN")) {
            throw new FrameException(FrameError.MALFORMED, "not an EN frame: " + t);
        }
        if (!parts.get(0).equals("EN" + VERSION)) {
            throw new FrameException(FrameError.VERSION, "device speaks protocol " + parts.get(0)
                    + ", this host speaks EN" + VERSION + ": " + t);
        }
        long seq;
        try {
            seq = Long.parseLong(parts.get(1));
        } catch (NumberFormatException e) {
            throw new FrameException(FrameError.MALFORMED, "sequence is not a number: " + t);
        }
        if (seq < 0 || seq > 0xFFFFFFFFL || parts.get(2).isEmpty()) {
            throw new FrameException(FrameError.MALFORMED, "bad sequence or type: " + t);
        }
        return new Frame(seq, parts.get(2), parts.subList(3, parts.size()), t);
    }

    private static List<String> split(String body) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= body.length(); i++) {
            if (i == body.length() || body.charAt(i) == ',') {
                out.add(body.substring(from, i));
                from = i + 1;
            }
        }
        return out;
    }
}
