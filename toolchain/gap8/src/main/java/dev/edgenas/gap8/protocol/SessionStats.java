package dev.edgenas.gap8.protocol;

import java.util.EnumMap;
import java.util.Map;

/** Line statistics of one batch run: what was received, rejected, dropped or repeated. */
public final class SessionStats {
    long frames;
    long dropped;
    long duplicates;
    long resets;
    long beforeHello;
    long orphans;
    long incomplete;
    long inconsistent;
    long abandoned;
    long repeatedResults;
    long unknownTypes;
    private final Map<FrameError, Long> errors = new EnumMap<>(FrameError.class);
    private String lastError;

    void countError(FrameError e, String detail) {
        errors.merge(e, 1L, Long::sum);
        lastError = detail;
    }

    public long frames() {
        return frames;
    }

    /** Frames missing according to gaps in the sequence numbers. */
    public long dropped() {
        return dropped;
    }

    public long duplicates() {
        return duplicates;
    }

    public long resets() {
        return resets;
    }

    public long errors(FrameError e) {
        return errors.getOrDefault(e, 0L);
    }

    /** Candidates rejected for CRC, truncation, overlength or bad format: signs of a bad line. */
    public long lineErrors() {
        return errors(FrameError.CRC) + errors(FrameError.TRUNCATED) + errors(FrameError.OVERLONG)
                + errors(FrameError.MALFORMED);
    }

    public long incomplete() {
        return incomplete;
    }

    public long inconsistent() {
        return inconsistent;
    }

    public long repeatedResults() {
        return repeatedResults;
    }

    public String lastError() {
        return lastError;
    }

    @Override
    public String toString() {
        return "frames=" + frames + " crc=" + errors(FrameError.CRC) + " truncated=" + errors(FrameError.TRUNCATED)
                + " overlong=" + errors(FrameError.OVERLONG) + " malformed=" + errors(FrameError.MALFORMED)
                + " version=" + errors(FrameError.VERSION) + " dropped=" + dropped + " duplicates=" + duplicates
                + " resets=" + resets + " beforeHello=" + beforeHello + " orphans=" + orphans
                + " incomplete=" + incomplete + " inconsistent=" + inconsistent + " repeatedResults=" + repeatedResults;
    }
}
