package dev.edgenas.gap8.kernels;

/**
 * Reference (host-side) computation of the kernels' fixed-point requant factors, exactly as
 * documented in en_kernels.h: r = mult * 2^-(31 + shift), 2^30 <= mult < 2^31. The deploy /
 * firmware code generator ports this; the tests use it to feed the C kernels.
 */
record Requant(int mult, int shift) {
    static final Requant IDENTITY = new Requant(1 << 30, -1);

    static Requant of(double r) {
        if (r == 0) {
            return new Requant(0, 0);
        }
        if (!(r > 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException("requant factor must be finite and >= 0, got " + r);
        }
        int e = Math.getExponent(r) + 1;             // r = m * 2^e, 0.5 <= m < 1
        double m = r / Math.scalb(1.0, e);
        long q = Math.round(m * (1L << 31));          // m * 2^31 > 0: half up == half away from zero
        if (q == 1L << 31) {
            q = 1L << 30;
            e++;
        }
        int shift = -e;
        if (shift > 31) {                             // tiny r: keep n = 31 + shift <= 62
            int extra = shift - 31;
            q = extra >= 63 ? 0 : (q + (1L << (extra - 1))) >> extra;
            shift = 31;
        }
        if (shift < -30) {
            throw new IllegalArgumentException("requant factor " + r + " too large (>= 2^30)");
        }
        return new Requant((int) q, shift);
    }

    /** The factor this pair represents. */
    double value() {
        return mult * Math.scalb(1.0, -(31 + shift));
    }

    /** Kernel arithmetic in Java: v * mult / 2^(31+shift+extra) rounded, ties toward +inf. */
    long apply(long v, int extra) {
        return roundShift(v * mult, 31 + shift + extra);
    }

    static long roundShift(long p, int n) {
        if (n > 62) {
            return 0;
        }
        return (p + (1L << (n - 1))) >> n;
    }

    /** Add's two multipliers over one shared shift, taken from the larger ratio. */
    static int[] pair(double ra, double rb) {
        Requant big = of(Math.max(ra, rb));
        int n = 31 + big.shift;
        long ma = Math.round(Math.scalb(ra, n));
        long mb = Math.round(Math.scalb(rb, n));
        if (ma >= 1L << 31 || mb >= 1L << 31) {
            throw new IllegalStateException("multiplier overflow for ratios " + ra + ", " + rb);
        }
        return new int[] {(int) ma, (int) mb, big.shift};
    }

    /** Relu6 upper clamp in the quantised domain. */
    static int relu6Max(float yScale, int yZp) {
        return (int) Math.min(127, yZp + Math.round(6.0 / yScale));
    }
}
