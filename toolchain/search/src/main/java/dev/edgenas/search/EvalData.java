package dev.edgenas.search;

import dev.edgenas.core.BadInputException;
import dev.edgenas.data.Preprocess;
import dev.edgenas.data.SegSample;
import dev.edgenas.data.VocDataset;
import dev.edgenas.ir.ModelMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed set of preprocessed images (and masks) held in memory: the validation subset every candidate is
 * scored on, or the training images BatchNorm statistics are recalibrated on. The subset is spread evenly
 * over the split (not its first N images), so it does not depend on how files happen to be ordered by class.
 *
 * @param images NCHW floats, normalised as the model's metadata says
 * @param masks  label per pixel, one array per image
 * @param ids    sample ids, for provenance
 */
public record EvalData(float[] images, byte[][] masks, List<String> ids, int height, int width) {

    public int count() {
        return masks.length;
    }

    public int plane() {
        return 3 * height * width;
    }

    /** Images [from, from+n) as one batch. */
    public float[] batch(int from, int n) {
        float[] out = new float[n * plane()];
        System.arraycopy(images, from * plane(), out, 0, n * plane());
        return out;
    }

    public static EvalData load(VocDataset data, ModelMetadata meta, int limit) {
        if (meta.numClasses() != data.numClasses()) {
            throw BadInputException.at(data.root(), "classes", "dataset has " + data.numClasses()
                    + " classes, the model " + meta.numClasses());
        }
        int n = limit > 0 ? Math.min(limit, data.size()) : data.size();
        if (n == 0) {
            throw BadInputException.at(data.root(), data.split(), "no images in the split");
        }
        int plane = 3 * meta.height() * meta.width();
        float[] images = new float[n * plane];
        byte[][] masks = new byte[n][];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = (int) ((long) i * data.size() / n);
            SegSample s = Preprocess.fit(data.get(index), meta.width(), meta.height());
            Preprocess.toChw(s, meta.mean(), meta.std(), images, i * plane);
            masks[i] = s.mask();
            ids.add(s.id());
        }
        return new EvalData(images, masks, ids, meta.height(), meta.width());
    }
}
