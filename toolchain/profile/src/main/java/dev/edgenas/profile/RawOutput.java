package dev.edgenas.profile;

import java.util.List;

/**
 * What a device printed for one profiling round, line by line (UART text, adb stdout, or the text
 * the in-process CPU profiler writes), kept raw so that a parser can be tested on recordings.
 *
 * @param source where it came from (device id), for error messages
 * @param lines  the lines, without line terminators
 */
public record RawOutput(String source, List<String> lines) {
    public RawOutput {
        lines = List.copyOf(lines);
    }
}
