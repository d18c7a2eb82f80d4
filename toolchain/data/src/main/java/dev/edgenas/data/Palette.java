package dev.edgenas.data;

import java.awt.image.IndexColorModel;

/**
 * The PASCAL VOC colour map: index i gets a colour built by spreading the bits of i over the high
 * bits of R, G and B, so neighbouring class ids get clearly different colours; 255 (ignore) is the
 * light cream VOC uses for object boundaries. Masks are stored as palette PNGs with these colours,
 * so they look like VOC masks in any viewer while the pixel values stay the class ids.
 */
public final class Palette {
    private static final IndexColorModel VOC = build();

    private Palette() {
    }

    /** The 256-entry VOC palette as an 8-bit colour model. */
    public static IndexColorModel voc() {
        return VOC;
    }

    /** The VOC colour of an index as 0xRRGGBB. */
    public static int rgb(int index) {
        return VOC.getRGB(index) & 0xFFFFFF;
    }

    private static IndexColorModel build() {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            int id = i;
            int rv = 0;
            int gv = 0;
            int bv = 0;
            // bit k of each channel (from the top) comes from bits 3j, 3j+1, 3j+2 of the index
            for (int shift = 7; shift >= 0 && id > 0; shift--) {
                rv |= (id & 1) << shift;
                gv |= ((id >> 1) & 1) << shift;
                bv |= ((id >> 2) & 1) << shift;
                id >>= 3;
            }
            r[i] = (byte) rv;
            g[i] = (byte) gv;
            b[i] = (byte) bv;
        }
        return new IndexColorModel(8, 256, r, g, b);
    }
}
