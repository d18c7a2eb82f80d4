package dev.edgenas.gap8.protocol;

/** A frame that cannot be decoded; carries the classification for line statistics. */
public class FrameException extends RuntimeException {
    private final FrameError error;

    public FrameException(FrameError error, String message) {
        super(message);
        this.error = error;
    }

    public FrameError error() {
        return error;
    }
}
