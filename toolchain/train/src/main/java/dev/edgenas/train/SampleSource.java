package dev.edgenas.train;

import dev.edgenas.data.Augment;
import dev.edgenas.data.Preprocess;
import dev.edgenas.data.SegSample;
import dev.edgenas.data.VocDataset;
import java.util.SplittableRandom;

/**
 * The samples of one split at the model's input size, decoded once and kept in memory when they
 * fit in a third of the heap, and turned into batches. Training batches are augmented with a
 * generator derived from (seed, epoch, sample index) alone, so an epoch's data is the same whether
 * the run was interrupted or not, whatever order samples are prepared in.
 */
final class SampleSource {
    private final VocDataset dataset;
    private final int count;
    private final int width;
    private final int height;
    private final float[] mean;
    private final float[] std;
    private final SegSample[] cache;

    SampleSource(VocDataset dataset, int limit, int width, int height, float[] mean, float[] std) {
        this.dataset = dataset;
        this.count = limit > 0 ? Math.min(limit, dataset.size()) : dataset.size();
        this.width = width;
        this.height = height;
        this.mean = mean;
        this.std = std;
        long bytes = (long) count * width * height * 4;
        this.cache = bytes <= Runtime.getRuntime().maxMemory() / 3 ? new SegSample[count] : null;
    }

    int size() {
        return count;
    }

    VocDataset dataset() {
        return dataset;
    }

    /** Sample i resized to the model's input (image bilinear, mask nearest). */
    SegSample sample(int i) {
        if (cache != null && cache[i] != null) {
            return cache[i];
        }
        SegSample s = Preprocess.fit(dataset.get(i), width, height);
        if (cache != null) {
            cache[i] = s;
        }
        return s;
    }

    /** One batch of plain (not augmented) samples [from, to). */
    Batch plain(int from, int to) {
        SegSample[] s = new SegSample[to - from];
        for (int i = from; i < to; i++) {
            s[i - from] = sample(i);
        }
        return pack(s);
    }

    /** One augmented training batch. */
    Batch augmented(int[] indices, long seed, int epoch, TrainOptions o) {
        SegSample[] s = new SegSample[indices.length];
        for (int k = 0; k < indices.length; k++) {
            SplittableRandom rng = new SplittableRandom(sampleSeed(seed, epoch, indices[k]));
            SegSample x = sample(indices[k]);
            if (o.flip) {
                x = Augment.randomHflip(x, rng);
            }
            if (o.scaleMin != 1 || o.scaleMax != 1) {
                x = Augment.randomScaleCrop(x, rng, o.scaleMin, o.scaleMax, width, height);
            }
            if (o.colorJitter > 0) {
                x = Augment.colorJitter(x, rng, o.colorJitter, o.colorJitter, o.colorJitter);
            }
            s[k] = x;
        }
        return pack(s);
    }

    /** The sample order of an epoch: a seeded shuffle. */
    int[] order(long seed, int epoch) {
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) {
            idx[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(sampleSeed(seed, epoch, -1));
        for (int i = count - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return idx;
    }

    static long sampleSeed(long seed, int epoch, int index) {
        return seed * 0x9E3779B97F4A7C15L + epoch * 0xC2B2AE3D27D4EB4FL + index * 0x165667B19E3779F9L;
    }

    private Batch pack(SegSample[] s) {
        int plane = width * height;
        float[] images = new float[s.length * 3 * plane];
        long[] labels = new long[s.length * plane];
        byte[][] masks = new byte[s.length][];
        for (int k = 0; k < s.length; k++) {
            Preprocess.toChw(s[k], mean, std, images, k * 3 * plane);
            byte[] m = s[k].mask();
            for (int p = 0; p < plane; p++) {
                labels[k * plane + p] = m[p] & 0xFF;
            }
            masks[k] = m;
        }
        return new Batch(s.length, images, labels, masks);
    }

    /** Images as NCHW floats, labels as class ids (255 ignore), masks per image for metrics. */
    record Batch(int size, float[] images, long[] labels, byte[][] masks) {
    }
}
