package dev.edgenas.gap8.kernels;

import java.util.Random;

/** Per-tensor int8 quantisation parameters: real = scale * (q - zp). */
record QParam(float scale, int zp) {
    QParam {
        if (zp < -128 || zp > 127 || !(scale > 0)) {
            throw new IllegalArgumentException("bad qparam " + scale + ", " + zp);
        }
    }

    /** A random scale in [lo, hi) and zero point in [-40, 40]. */
    static QParam random(Random rnd, double lo, double hi) {
        return new QParam((float) (lo + (hi - lo) * rnd.nextDouble()), rnd.nextInt(81) - 40);
    }

    static byte[] randomInt8(Random rnd, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (rnd.nextInt(256) - 128);
        }
        return b;
    }
}
