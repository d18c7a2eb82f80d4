package dev.edgenas.gap8.codegen;

/**
 * The fixed-point form of a real requantisation factor used by the en_* kernels
 * (kernels/en_kernels.h, REQUANT): r = mult * 2^-(31 + shift), 2^30 <= mult < 2^31.
 */
public record Requant(int mult, int shift) {

    /** The identity factor (exact pass-through). */
    public static final Requant IDENTITY = new Requant(1 << 30, -1);

    public static Requant of(double r) {
        if (!(r >= 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException("scale ratio must be finite and >= 0: " + r);
        }
        if (r == 0) {
            return new Requant(0, 0);
        }
        int e = Math.getExponent(r) + 1;          // frexp: r = m * 2^e, 0.5 <= m < 1
        double m = Math.scalb(r, -e);
        long q = Math.round(m * (1L << 31));
        if (q == 1L << 31) {
            q = 1L << 30;
            e++;
        }
        int shift = -e;
        if (shift > 31) {
            int drop = shift - 31;
            q = drop >= 62 ? 0 : (q + (1L << (drop - 1))) >> drop;
            shift = 31;
        }
        if (shift < -30) {
            throw new IllegalArgumentException("scale ratio too large: " + r);
        }
        return new Requant((int) q, shift);
    }

    /** The real factor this represents. */
    public double value() {
        return mult * Math.pow(2, -(31 + shift));
    }
}
