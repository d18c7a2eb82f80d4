package dev.edgenas.gap8.protocol;

import java.util.Arrays;

/** Summary statistics as the firmware computes them, so the host can check the device's RESULT. */
public final class FirmwareStats {
    private FirmwareStats() {
    }

    /** Lower median: element (n-1)/2 of the sorted samples (integral, no averaging). */
    public static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[(s.length - 1) / 2];
    }

    public static long min(long[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    public static long max(long[] v) {
        return Arrays.stream(v).max().orElseThrow();
    }
}
