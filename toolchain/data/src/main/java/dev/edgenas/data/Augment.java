package dev.edgenas.data;

import java.util.random.RandomGenerator;

/**
 * Training augmentations. Pure functions: each returns a new sample and leaves its input alone;
 * randomness comes only from the generator passed in, so a seeded run augments reproducibly.
 */
public final class Augment {
    private Augment() {
    }

    /** Mirrors left and right. */
    public static SegSample hflip(SegSample s) {
        return hflip(s, null);
    }

    /**
     * Mirrors left and right and maps classes through {@code classSwap} (e.g. left-eye to right-eye
     * for datasets whose classes have a side; null for none). Ignore (255) is never remapped.
     */
    public static SegSample hflip(SegSample s, int[] classSwap) {
        int w = s.width();
        int h = s.height();
        byte[] rgb = new byte[s.rgb().length];
        byte[] mask = new byte[s.mask().length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int from = y * w + x;
                int to = y * w + (w - 1 - x);
                System.arraycopy(s.rgb(), 3 * from, rgb, 3 * to, 3);
                int label = s.mask()[from] & 0xFF;
                if (classSwap != null && label < classSwap.length && label != DatasetInfo.IGNORE) {
                    label = classSwap[label];
                }
                mask[to] = (byte) label;
            }
        }
        return new SegSample(s.id(), w, h, rgb, mask);
    }

    /** Flips with probability 1/2. */
    public static SegSample randomHflip(SegSample s, RandomGenerator rng) {
        return rng.nextBoolean() ? hflip(s) : s;
    }

    /**
     * Scales by a factor uniform in [minScale, maxScale] and cuts a random outW x outH window. Where
     * the scaled picture is smaller than the window, the window is placed at random over it and the
     * rest is padded: the image with the sample's mean colour, the mask with ignore (255), so padding
     * never counts in the loss.
     */
    public static SegSample randomScaleCrop(SegSample s, RandomGenerator rng, double minScale, double maxScale,
                                            int outW, int outH) {
        if (!(minScale > 0) || maxScale < minScale) {
            throw new IllegalArgumentException("scale range [" + minScale + ", " + maxScale + "]");
        }
        double scale = minScale == maxScale ? minScale : minScale + rng.nextDouble() * (maxScale - minScale);
        int sw = scaled(s.width(), scale);
        int sh = scaled(s.height(), scale);
        int offX = sw >= outW ? rng.nextInt(sw - outW + 1) : -rng.nextInt(outW - sw + 1);
        int offY = sh >= outH ? rng.nextInt(sh - outH + 1) : -rng.nextInt(outH - sh + 1);
        return scaleCrop(s, scale, offX, offY, outW, outH, meanColor(s));
    }

    /**
     * The deterministic core of {@link #randomScaleCrop}: scales to round(width*scale) x
     * round(height*scale) and cuts the window whose top-left corner is (offX, offY) in the scaled
     * picture (negative offsets pad on the top/left).
     */
    public static SegSample scaleCrop(SegSample s, double scale, int offX, int offY, int outW, int outH,
                                      int[] padRgb) {
        if (outW <= 0 || outH <= 0) {
            throw new IllegalArgumentException("crop size " + outW + "x" + outH);
        }
        return Resample.window(s, scaled(s.width(), scale), scaled(s.height(), scale), offX, offY, outW, outH,
                padRgb, DatasetInfo.IGNORE);
    }

    /**
     * Random brightness, contrast and saturation: each factor uniform in [1-x, 1+x] (x = 0 leaves
     * that property alone), applied in that order. The mask is unchanged.
     */
    public static SegSample colorJitter(SegSample s, RandomGenerator rng, double brightness, double contrast,
                                        double saturation) {
        double b = 1 + (rng.nextDouble() * 2 - 1) * brightness;
        double c = 1 + (rng.nextDouble() * 2 - 1) * contrast;
        double sat = 1 + (rng.nextDouble() * 2 - 1) * saturation;
        return adjustColor(s, b, c, sat);
    }

    /**
     * Brightness multiplies every channel; contrast blends each value with the image's mean grey;
     * saturation blends each pixel with its own grey (0.299 R + 0.587 G + 0.114 B). 1 = unchanged.
     */
    public static SegSample adjustColor(SegSample s, double brightness, double contrast, double saturation) {
        byte[] in = s.rgb();
        int n = in.length / 3;
        double[] v = new double[in.length];
        double greySum = 0;
        for (int i = 0; i < in.length; i++) {
            v[i] = (in[i] & 0xFF) * brightness;
        }
        for (int i = 0; i < n; i++) {
            greySum += grey(v, i);
        }
        double meanGrey = greySum / n;
        byte[] out = new byte[in.length];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                v[3 * i + c] = meanGrey + contrast * (v[3 * i + c] - meanGrey);
            }
            double g = grey(v, i);
            for (int c = 0; c < 3; c++) {
                out[3 * i + c] = (byte) Tones.clamp(g + saturation * (v[3 * i + c] - g));
            }
        }
        return new SegSample(s.id(), s.width(), s.height(), out, s.mask().clone());
    }

    /** The mean colour of a sample, rounded, as {R, G, B}. */
    public static int[] meanColor(SegSample s) {
        long[] sum = new long[3];
        byte[] rgb = s.rgb();
        for (int i = 0; i < rgb.length; i++) {
            sum[i % 3] += rgb[i] & 0xFF;
        }
        int n = rgb.length / 3;
        return new int[] {(int) ((sum[0] + n / 2) / n), (int) ((sum[1] + n / 2) / n), (int) ((sum[2] + n / 2) / n)};
    }

    private static double grey(double[] v, int i) {
        return 0.299 * v[3 * i] + 0.587 * v[3 * i + 1] + 0.114 * v[3 * i + 2];
    }

    private static int scaled(int n, double scale) {
        return Math.max(1, (int) Math.round(n * scale));
    }
}
