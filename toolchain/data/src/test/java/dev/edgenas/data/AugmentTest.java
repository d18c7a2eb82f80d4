package dev.edgenas.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentTest {
    static final int W = 100;
    static final int H = 80;

    /**
     * Red and green encode twice the pixel's x and y, and the label is a checkerboard of 10-pixel
     * cells of those coordinates: the label can be worked out from the colour alone.
     */
    static SegSample coordinateSample() {
        byte[] rgb = new byte[W * H * 3];
        byte[] mask = new byte[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                rgb[3 * i] = (byte) (2 * x);
                rgb[3 * i + 1] = (byte) (2 * y);
                rgb[3 * i + 2] = (byte) 77;
                mask[i] = (byte) labelAt(x, y);
            }
        }
        return new SegSample("coords", W, H, rgb, mask);
    }

    static int labelAt(int x, int y) {
        return (x / 10 + 2 * (y / 10)) % 5;
    }

    /** Share of non-padding pixels whose label disagrees with the one their colour points at. */
    static double misaligned(SegSample s) {
        int bad = 0;
        int n = 0;
        for (int y = 0; y < s.height(); y++) {
            for (int x = 0; x < s.width(); x++) {
                if (s.label(x, y) == 255) {
                    continue;
                }
                n++;
                // colour = round(2 * source position): the position is known to +-0.25 pixel, so
                // the nearest source pixel is one of two per axis; the mask must agree with one
                double px = s.channel(x, y, 0) / 2.0;
                double py = s.channel(x, y, 1) / 2.0;
                boolean ok = false;
                for (double dx : new double[] {-0.25, 0.25}) {
                    for (double dy : new double[] {-0.25, 0.25}) {
                        int sx = Math.min(W - 1, (int) Math.floor(px + dx + 0.5));
                        int sy = Math.min(H - 1, (int) Math.floor(py + dy + 0.5));
                        ok |= labelAt(sx, sy) == s.label(x, y);
                    }
                }
                if (!ok) {
                    bad++;
                }
            }
        }
        assertTrue(n > 0, "all padding");
        return (double) bad / n;
    }

    @Test
    void flipTwiceIsIdentityAndFlipMirrors() {
        SegSample s = coordinateSample();
        SegSample f = Augment.hflip(s);
        assertEquals(2 * (W - 1) & 0xFF, f.channel(0, 5, 0));
        assertEquals(labelAt(W - 1, 5), f.label(0, 5));
        SegSample back = Augment.hflip(f);
        assertArrayEquals(s.rgb(), back.rgb());
        assertArrayEquals(s.mask(), back.mask());
        assertEquals(0.0, misaligned(f) , 0.0);
    }

    @Test
    void flipSwapsSidedClassesButNeverIgnore() {
        byte[] mask = {1, 2, (byte) 255, 0};
        SegSample s = new SegSample("s", 4, 1, new byte[12], mask);
        SegSample f = Augment.hflip(s, new int[] {0, 2, 1});
        assertArrayEquals(new byte[] {0, (byte) 255, 1, 2}, f.mask());
    }

    @Test
    void scaleCropKeepsImageAndMaskAligned() {
        SegSample s = coordinateSample();
        SplittableRandom rng = new SplittableRandom(42);
        for (int k = 0; k < 30; k++) {
            SegSample a = Augment.randomScaleCrop(s, rng, 0.5, 2.0, 64, 48);
            assertEquals(64, a.width());
            assertEquals(48, a.height());
            assertEquals(0.0, misaligned(a), 0.0, "misaligned pixels in crop " + k);
        }
        // the check itself catches a one-pixel shift between image and mask
        SegSample c = Augment.scaleCrop(s, 1.0, 5, 5, 40, 40, new int[3]);
        byte[] shifted = new byte[c.mask().length];
        System.arraycopy(c.mask(), 1, shifted, 0, shifted.length - 1);
        assertTrue(misaligned(new SegSample("x", 40, 40, c.rgb(), shifted)) > 0.05);
        assertEquals(0.0, misaligned(c), 0.0);
    }

    @Test
    void shrinkingPadsImageWithMeanColourAndMaskWithIgnore() {
        SegSample s = coordinateSample();
        int[] mean = Augment.meanColor(s);
        SegSample a = Augment.scaleCrop(s, 0.5, -10, -4, 70, 50, mean);   // scaled to 50x40
        assertEquals(255, a.label(0, 0));
        assertEquals(255, a.label(69, 49));
        assertEquals(mean[0], a.channel(0, 0, 0));
        assertEquals(mean[1], a.channel(0, 0, 1));
        assertEquals(77, a.channel(0, 0, 2));
        assertNotEquals(255, a.label(10, 4));
        assertEquals(255, a.label(9, 4));
        assertEquals(255, a.label(60, 20));
        assertNotEquals(255, a.label(59, 43));
        int ignored = 0;
        for (byte b : a.mask()) {
            ignored += (b & 0xFF) == 255 ? 1 : 0;
        }
        assertEquals(70 * 50 - 50 * 40, ignored);
    }

    @Test
    void seededAugmentationIsReproducibleAndInputUntouched() {
        SegSample s = coordinateSample();
        byte[] before = s.rgb().clone();
        SegSample a = Augment.colorJitter(Augment.randomScaleCrop(s, new SplittableRandom(3), 0.75, 1.5, 64, 64),
                new SplittableRandom(4), 0.3, 0.3, 0.3);
        SegSample b = Augment.colorJitter(Augment.randomScaleCrop(s, new SplittableRandom(3), 0.75, 1.5, 64, 64),
                new SplittableRandom(4), 0.3, 0.3, 0.3);
        assertArrayEquals(a.rgb(), b.rgb());
        assertArrayEquals(a.mask(), b.mask());
        assertArrayEquals(before, s.rgb());
    }

    @Test
    void colourAdjustments() {
        SegSample s = coordinateSample();
        SegSample same = Augment.adjustColor(s, 1, 1, 1);
        assertArrayEquals(s.rgb(), same.rgb());
        assertArrayEquals(s.mask(), same.mask());
        SegSample grey = Augment.adjustColor(s, 1, 1, 0);
        for (int i = 0; i < W * H; i++) {
            assertEquals(grey.rgb()[3 * i], grey.rgb()[3 * i + 1]);
            assertEquals(grey.rgb()[3 * i], grey.rgb()[3 * i + 2]);
        }
        SegSample dark = Augment.adjustColor(s, 0.5, 1, 1);
        assertEquals(Math.round(77 * 0.5), dark.channel(3, 3, 2));
        SegSample flat = Augment.adjustColor(s, 1, 0, 1);
        assertEquals(flat.channel(0, 0, 0), flat.channel(W - 1, H - 1, 1));
        assertArrayEquals(s.mask(), flat.mask());
    }
}
