package dev.edgenas.search;

import dev.edgenas.runtime.FloatTensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch of named float tensors fed to a network: the images of a batch, or the cached backbone features of
 * the same images (see {@link FeatureCache}).
 *
 * @param tensors by input name
 * @param count   images in the batch
 */
record NamedBatch(Map<String, FloatTensor> tensors, int count) {

    static NamedBatch images(String input, EvalData d, int from, int n) {
        Map<String, FloatTensor> m = new LinkedHashMap<>();
        m.put(input, new FloatTensor(d.batch(from, n), new long[] {n, 3, d.height(), d.width()}));
        return new NamedBatch(m, n);
    }

    /** The data in consecutive batches of at most {@code size} images. */
    static List<NamedBatch> split(String input, EvalData d, int size) {
        List<NamedBatch> out = new java.util.ArrayList<>();
        for (int from = 0; from < d.count(); from += size) {
            out.add(images(input, d, from, Math.min(size, d.count() - from)));
        }
        return out;
    }
}
