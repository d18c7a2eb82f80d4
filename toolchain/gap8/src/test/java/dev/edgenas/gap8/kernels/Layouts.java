package dev.edgenas.gap8.kernels;

/** CHW <-> HWC activations and OIHW -> OHWI weights (batch 1), for the HWC kernel tests. */
final class Layouts {
    private Layouts() {
    }

    static byte[] chwToHwc(byte[] v, int c, int h, int w) {
        byte[] o = new byte[v.length];
        for (int ci = 0; ci < c; ci++) {
            for (int p = 0; p < h * w; p++) {
                o[p * c + ci] = v[ci * h * w + p];
            }
        }
        return o;
    }

    static byte[] hwcToChw(byte[] v, int c, int h, int w) {
        byte[] o = new byte[v.length];
        for (int ci = 0; ci < c; ci++) {
            for (int p = 0; p < h * w; p++) {
                o[ci * h * w + p] = v[p * c + ci];
            }
        }
        return o;
    }

    /** Dense weights [o][i][kh][kw] -> [o][kh][kw][i]: one HWC activation tensor per output channel. */
    static byte[] oihwToOhwi(byte[] v, int o, int i, int kh, int kw) {
        byte[] r = new byte[v.length];
        for (int oc = 0; oc < o; oc++) {
            r = chwInto(v, r, oc * i * kh * kw, i, kh, kw);
        }
        return r;
    }

    private static byte[] chwInto(byte[] src, byte[] dst, int off, int c, int h, int w) {
        for (int ci = 0; ci < c; ci++) {
            for (int p = 0; p < h * w; p++) {
                dst[off + p * c + ci] = src[off + ci * h * w + p];
            }
        }
        return dst;
    }
}
