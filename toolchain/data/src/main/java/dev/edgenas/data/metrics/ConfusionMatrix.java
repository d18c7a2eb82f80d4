package dev.edgenas.data.metrics;

import java.util.Arrays;

/**
 * Pixel confusion matrix for semantic segmentation, the basis of every accuracy figure edgenas
 * reports (mIoU, per-class IoU, pixel accuracy). Pixels whose label is the ignore label are skipped.
 * Not thread-safe: use one per worker and {@link #merge} them.
 */
public final class ConfusionMatrix {
    private final int classes;
    private final int ignore;
    private final long[] counts; // [truth * classes + predicted]

    public ConfusionMatrix(int classes, int ignoreLabel) {
        this.classes = classes;
        this.ignore = ignoreLabel;
        this.counts = new long[classes * classes];
    }

    /** Adds one image: truth labels (class id or ignore) and predicted class ids, same length. */
    public void add(byte[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("truth has " + truth.length + " pixels, prediction " + predicted.length);
        }
        for (int i = 0; i < truth.length; i++) {
            int t = truth[i] & 0xff;
            if (t == ignore) {
                continue;
            }
            if (t >= classes) {
                throw new IllegalArgumentException("label " + t + " at pixel " + i + " is not below " + classes);
            }
            counts[t * classes + predicted[i]]++;
        }
    }

    public void add(int truth, int predicted, long n) {
        counts[truth * classes + predicted] += n;
    }

    public void merge(ConfusionMatrix o) {
        if (o.classes != classes) {
            throw new IllegalArgumentException("class counts differ");
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += o.counts[i];
        }
    }

    public long count(int truth, int predicted) {
        return counts[truth * classes + predicted];
    }

    public int classes() {
        return classes;
    }

    /** IoU per class; NaN for a class that appears neither in truth nor in predictions. */
    public double[] iou() {
        double[] r = new double[classes];
        for (int c = 0; c < classes; c++) {
            long tp = count(c, c);
            long fp = 0;
            long fn = 0;
            for (int k = 0; k < classes; k++) {
                if (k != c) {
                    fp += count(k, c);
                    fn += count(c, k);
                }
            }
            long denom = tp + fp + fn;
            r[c] = denom == 0 ? Double.NaN : (double) tp / denom;
        }
        return r;
    }

    /** Mean IoU over the classes that occur (NaN entries are left out, as in the VOC protocol). */
    public double meanIou() {
        return Arrays.stream(iou()).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    public double pixelAccuracy() {
        long correct = 0;
        long total = 0;
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                total += count(t, p);
                if (t == p) {
                    correct += count(t, p);
                }
            }
        }
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    public long total() {
        return Arrays.stream(counts).sum();
    }
}
