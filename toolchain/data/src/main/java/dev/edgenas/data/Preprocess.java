package dev.edgenas.data;

/**
 * Turning samples into network input: resizing to the model's input size and normalising into
 * planar CHW floats.
 */
public final class Preprocess {
    /** ImageNet statistics, the usual normalisation of pretrained backbones. */
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    private Preprocess() {
    }

    /** CHW floats ((x / 255 - mean[c]) / std[c]), length 3 * height * width. */
    public static float[] toChw(SegSample s, float[] mean, float[] std) {
        float[] out = new float[3 * s.width() * s.height()];
        toChw(s, mean, std, out, 0);
        return out;
    }

    /** Writes CHW floats into {@code dst} from {@code offset}: for filling one slot of a batch. */
    public static void toChw(SegSample s, float[] mean, float[] std, float[] dst, int offset) {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values (R, G, B)");
        }
        int plane = s.width() * s.height();
        if (offset < 0 || dst.length - offset < 3 * plane) {
            throw new IllegalArgumentException("destination too small for " + s.width() + "x" + s.height());
        }
        byte[] rgb = s.rgb();
        for (int c = 0; c < 3; c++) {
            float scale = 1f / (255f * std[c]);
            float shift = mean[c] / std[c];
            int base = offset + c * plane;
            for (int i = 0; i < plane; i++) {
                dst[base + i] = (rgb[3 * i + c] & 0xFF) * scale - shift;
            }
        }
    }

    /** Resizes: image bilinear (half-pixel centres, no anti-aliasing), mask nearest neighbour. */
    public static SegSample resize(SegSample s, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size " + width + "x" + height);
        }
        return Resample.window(s, width, height, 0, 0, width, height, new int[3], DatasetInfo.IGNORE);
    }

    /** The sample itself when it already has the model's input size, else {@link #resize}. */
    public static SegSample fit(SegSample s, int width, int height) {
        return s.width() == width && s.height() == height ? s : resize(s, width, height);
    }

    /** The mask as class ids 0..255 in ints (255 = ignore), e.g. for a loss or a confusion matrix. */
    public static int[] labels(SegSample s) {
        byte[] m = s.mask();
        int[] out = new int[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i] & 0xFF;
        }
        return out;
    }
}
