package dev.edgenas.gap8.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Cuts a raw byte stream into frames. Bytes outside a frame are garbage (boot messages, noise);
 * a '$' always starts a new frame, so after any corruption the reader is back in step at the next
 * "$EN". Push-style so it works the same on a serial port, a process pipe or a recorded log.
 */
public final class FrameReader {

    /** Receives each decoded frame and each rejected candidate, in line order. */
    public interface Listener {
        void onFrame(Frame frame);

        void onError(FrameError error, String detail);
    }

    private static final byte[] PREFIX = "$EN".getBytes(StandardCharsets.US_ASCII);

    private final Listener listener;
    private final byte[] buf = new byte[FrameCodec.MAX_FRAME];
    private int len;
    private boolean inFrame;
    private long garbageBytes;
    private long totalBytes;

    public FrameReader(Listener listener) {
        this.listener = listener;
    }

    public void feed(byte[] data, int off, int n) {
        for (int i = off; i < off + n; i++) {
            accept(data[i]);
        }
    }

    private void accept(byte b) {
        totalBytes++;
        if (b == '$') {
            if (inFrame && len >= PREFIX.length) {
                listener.onError(FrameError.TRUNCATED, "frame cut by a new '$': " + text());
            } else if (inFrame) {
                garbageBytes += len;
            }
            inFrame = true;
            len = 0;
            buf[len++] = b;
            return;
        }
        if (!inFrame) {
            if (b != '\n' && b != '\r') {
                garbageBytes++;
            }
            return;
        }
        if (b == '\n') {
            inFrame = false;
            decode();
            return;
        }
        if (len < PREFIX.length && b != PREFIX[len]) {
            // not "$EN": the '$' was noise; drop back to hunting for the next '$'
            garbageBytes += len + 1;
            inFrame = false;
            return;
        }
        if (len == buf.length) {
            listener.onError(FrameError.OVERLONG, "no line end within " + buf.length + " bytes: " + text());
            inFrame = false;
            return;
        }
        buf[len++] = b;
    }

    private void decode() {
        Frame f;
        try {
            f = FrameCodec.decode(text());
        } catch (FrameException e) {
            listener.onError(e.error(), e.getMessage());
            return;
        }
        listener.onFrame(f);
    }

    private String text() {
        return new String(buf, 0, len, StandardCharsets.ISO_8859_1);
    }

    /** Bytes seen outside any frame candidate (noise, boot banners). */
    public long garbageBytes() {
        return garbageBytes;
    }

    public long totalBytes() {
        return totalBytes;
    }
}
