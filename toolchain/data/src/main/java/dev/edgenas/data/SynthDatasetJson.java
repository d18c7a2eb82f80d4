package dev.edgenas.data;

import dev.edgenas.core.Provenance;
import java.util.List;
import java.util.Map;

/**
 * The {@code dataset.json} written next to a synthetic dataset; written last, so its presence
 * means the dataset is complete. {@link DatasetInfo} reads the class names back from it.
 */
record SynthDatasetJson(String name, String generator, List<String> classes, int ignoreLabel, int width,
                        int height, long seed, Map<String, Integer> splits, List<Double> classPixelFrequency,
                        String imageFormat, String maskFormat, Provenance provenance) {
}
