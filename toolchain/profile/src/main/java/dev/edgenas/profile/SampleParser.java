package dev.edgenas.profile;

import java.util.List;

/** Turns a device's raw output into samples; malformed output is an EdgenasException (DEVICE_ERROR) quoting the line. */
public interface SampleParser {
    List<RawSamples> parse(RawOutput output);
}
