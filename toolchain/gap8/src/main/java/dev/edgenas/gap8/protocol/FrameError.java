package dev.edgenas.gap8.protocol;

/** Why a run of bytes on the line was not accepted as a frame. */
public enum FrameError {
    /** The CRC does not match: bytes were corrupted on the line. */
    CRC,
    /** The frame checks but its fields do not parse (wrong count, not a number). */
    MALFORMED,
    /** A new '$' arrived before the line end: the frame lost its tail. */
    TRUNCATED,
    /** No line end within the longest legal frame. */
    OVERLONG,
    /** A well-formed frame of another protocol version. */
    VERSION
}
