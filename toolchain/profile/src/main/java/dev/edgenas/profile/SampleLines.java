package dev.edgenas.profile;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.util.ArrayList;
import java.util.List;

/**
 * The line format of raw samples for devices that print them (the in-process CPU profiler, the
 * Android agent): a header {@value #HEADER}, then one line per kernel and round,
 * {@code sample UNIT KEY V1 V2 ...} (keys contain no spaces), {@code error KEY MESSAGE} for a
 * kernel that failed on the device, and {@code #} comments.
 */
public final class SampleLines {
    public static final String HEADER = "# edgenas-samples 1";

    private SampleLines() {
    }

    public static String sample(SampleUnit unit, String key, long[] values) {
        StringBuilder sb = new StringBuilder("sample ").append(unit.symbol()).append(' ').append(key);
        for (long v : values) {
            sb.append(' ').append(v);
        }
        return sb.toString();
    }

    /** Parses lines; malformed output is a DEVICE_ERROR quoting the line and its number. */
    public static List<RawSamples> parse(RawOutput out) {
        List<RawSamples> r = new ArrayList<>();
        boolean header = false;
        for (int i = 0; i < out.lines().size(); i++) {
            String line = out.lines().get(i).strip();
            if (line.equals(HEADER)) {
                header = true;
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                throw bad(out, i, line, "output does not start with '" + HEADER + "'");
            }
            String[] t = line.split("\\s+");
            if (t[0].equals("error") && t.length >= 2) {
                throw new EdgenasException(ExitCode.DEVICE_ERROR, out.source() + ": kernel " + t[1]
                        + " failed on the device: " + line.substring(line.indexOf(t[1]) + t[1].length()).strip());
            }
            if (!t[0].equals("sample") || t.length < 4) {
                throw bad(out, i, line, "expected 'sample UNIT KEY VALUES...'");
            }
            SampleUnit unit;
            double[] v = new double[t.length - 3];
            try {
                unit = SampleUnit.parse(t[1]);
                for (int j = 3; j < t.length; j++) {
                    v[j - 3] = Double.parseDouble(t[j]);
                    if (!(v[j - 3] > 0) || Double.isInfinite(v[j - 3])) {
                        throw new IllegalArgumentException("sample " + t[j] + " is not a positive time");
                    }
                }
            } catch (IllegalArgumentException e) {
                throw bad(out, i, line, e.getMessage());
            }
            r.add(new RawSamples(t[2], unit, v));
        }
        return r;
    }

    private static EdgenasException bad(RawOutput out, int i, String line, String problem) {
        String shown = line.length() > 120 ? line.substring(0, 117) + "..." : line;
        return new EdgenasException(ExitCode.DEVICE_ERROR, out.source() + ": line " + (i + 1) + " of the device output: "
                + problem + ": " + shown);
    }
}
