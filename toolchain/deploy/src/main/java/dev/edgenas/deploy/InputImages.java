package dev.edgenas.deploy;

import dev.edgenas.core.BadInputException;
import dev.edgenas.data.Preprocess;
import dev.edgenas.data.SegSample;
import dev.edgenas.data.VocDataset;
import dev.edgenas.ir.ModelMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Preprocessed model inputs (1 x 3 x H x W floats) drawn from a dataset split. */
final class InputImages {
    private InputImages() {
    }

    /** {@code n} images of the split chosen by a seeded shuffle (all of them when the split is smaller). */
    static List<float[]> calibration(VocDataset ds, ModelMetadata meta, int n, long seed) {
        if (ds.size() == 0) {
            throw BadInputException.at(ds.root(), "split " + ds.split(), "no images to calibrate on");
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) {
            idx.add(i);
        }
        Collections.shuffle(idx, new Random(seed));
        List<float[]> out = new ArrayList<>();
        for (int i : idx.subList(0, Math.min(n, idx.size()))) {
            out.add(image(ds, meta, i));
        }
        return out;
    }

    static float[] image(VocDataset ds, ModelMetadata meta, int i) {
        SegSample s = Preprocess.fit(ds.get(i), meta.width(), meta.height());
        return Preprocess.toChw(s, meta.mean(), meta.std());
    }

    static long[] shape(ModelMetadata meta) {
        return new long[] {1, 3, meta.height(), meta.width()};
    }
}
