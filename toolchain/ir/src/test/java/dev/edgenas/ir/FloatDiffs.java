package dev.edgenas.ir;

/** Comparing float outputs in tests (models' search-space runs, train's ONNX Runtime references): one definition. */
public final class FloatDiffs {
    private FloatDiffs() {
    }

    /** The largest |a[i] - b[i]|; an AssertionError when the lengths differ. */
    public static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
