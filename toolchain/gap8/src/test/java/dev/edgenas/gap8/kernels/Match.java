package dev.edgenas.gap8.kernels;

import java.util.Map;
import java.util.TreeMap;

/**
 * Compares kernel output with the reference: every value must be within one unit; the share of
 * exact matches is printed and accumulated per kernel for the README figures.
 */
final class Match {
    private static final Map<String, long[]> TOTALS = new TreeMap<>();

    private Match() {
    }

    static void assertClose(String kernel, String caseName, byte[] expected, byte[] actual) {
        if (expected.length != actual.length) {
            throw new AssertionError(caseName + ": " + expected.length + " reference values, kernel gave " + actual.length);
        }
        long exact = 0;
        long offByOne = 0;
        int worstIndex = -1;
        int worst = 0;
        for (int i = 0; i < expected.length; i++) {
            int d = Math.abs(expected[i] - actual[i]);
            if (d == 0) {
                exact++;
            } else if (d == 1) {
                offByOne++;
            }
            if (d > worst) {
                worst = d;
                worstIndex = i;
            }
        }
        checkInformative(caseName, expected);
        record(kernel, expected.length, exact, offByOne);
        System.out.printf("[kernels] %-22s %-44s n=%5d exact=%6.2f%% within1=%6.2f%% maxdiff=%d%n",
                kernel, caseName, expected.length, 100.0 * exact / expected.length,
                100.0 * (exact + offByOne) / expected.length, worst);
        if (worst > 1) {
            throw new AssertionError(caseName + ": value " + worstIndex + " differs by " + worst
                    + " (reference " + expected[worstIndex] + ", kernel " + actual[worstIndex] + ")");
        }
        // identity-scaled 2x2 averages are ties in a quarter of the outputs (75% exact at worst);
        // truncating instead of rounding would give about 50%
        if (exact * 10 < expected.length * 7L) {
            throw new AssertionError(caseName + ": only " + exact + "/" + expected.length
                    + " exact matches (rounding systematically off)");
        }
    }

    /** A reference that is mostly saturated or nearly constant would prove little. */
    private static void checkInformative(String caseName, byte[] expected) {
        boolean[] seen = new boolean[256];
        int distinct = 0;
        int saturated = 0;
        for (byte b : expected) {
            if (!seen[b & 0xff]) {
                seen[b & 0xff] = true;
                distinct++;
            }
            if (b == Byte.MIN_VALUE || b == Byte.MAX_VALUE) {
                saturated++;
            }
        }
        if (expected.length >= 64 && (distinct < 8 || saturated * 4 > expected.length)) {
            throw new AssertionError(caseName + ": degenerate reference (" + distinct + " distinct values, "
                    + saturated + "/" + expected.length + " saturated): fix the test's scales");
        }
    }

    private static synchronized void record(String kernel, long n, long exact, long offByOne) {
        long[] t = TOTALS.computeIfAbsent(kernel, k -> new long[3]);
        t[0] += n;
        t[1] += exact;
        t[2] += offByOne;
    }

    /** Per-kernel totals: kernel -> {values, exact, off by one}. */
    static synchronized Map<String, long[]> totals() {
        return new TreeMap<>(TOTALS);
    }
}
