package dev.edgenas.gap8.protocol;

import java.util.List;

/**
 * One checked frame of the serial protocol: {@code $EN1,<seq>,<TYPE>,<fields...>*<CRC16>}.
 *
 * @param seq    the device's frame counter (0 = the HELLO right after boot)
 * @param type   frame type, e.g. HELLO, SAMPLE
 * @param fields the comma-separated fields after the type
 * @param raw    the frame text as received, without the line end (kept for logs)
 */
public record Frame(long seq, String type, List<String> fields, String raw) {

    public Frame {
        fields = List.copyOf(fields);
    }

    public String field(int i) {
        if (i >= fields.size()) {
            throw new FrameException(FrameError.MALFORMED, type + " frame has " + fields.size()
                    + " fields, field " + i + " missing: " + raw);
        }
        return fields.get(i);
    }

    public long longField(int i) {
        try {
            return Long.parseLong(field(i));
        } catch (NumberFormatException e) {
            throw new FrameException(FrameError.MALFORMED, type + " field " + i + " is not a number: " + raw);
        }
    }

    public int intField(int i) {
        long v = longField(i);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new FrameException(FrameError.MALFORMED, type + " field " + i + " out of range: " + raw);
        }
        return (int) v;
    }

    public long hexField(int i) {
        try {
            return Long.parseLong(field(i), 16);
        } catch (NumberFormatException e) {
            throw new FrameException(FrameError.MALFORMED, type + " field " + i + " is not hex: " + raw);
        }
    }
}
