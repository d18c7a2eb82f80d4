package dev.edgenas.ir.imports;

import java.util.List;

/**
 * What a raw export does not say about itself: class names, input normalisation and (for a
 * symbolic spatial input) the input size. Null fields take the defaults documented in docs/MODELS.md:
 * classes {@code class0..classN-1} from the output's channels, ImageNet mean/std (torchvision's
 * convention), the export's own input size.
 *
 * @param classesFromDataset the class names come from the dataset a command runs on: used only when
 *                           their count matches the output's channels (the command's class check
 *                           then reports a mismatch in its own words)
 */
public record ImportOptions(List<String> classes, float[] mean, float[] std, Integer height, Integer width,
                            int ignoreLabel, boolean classesFromDataset) {
    public ImportOptions(List<String> classes, float[] mean, float[] std, Integer height, Integer width, int ignoreLabel) {
        this(classes, mean, std, height, width, ignoreLabel, false);
    }

    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    public static ImportOptions defaults() {
        return new ImportOptions(null, null, null, null, null, 255);
    }

    /** Defaults, with the class names of the dataset the command runs on (null: none known). */
    public static ImportOptions withDatasetClasses(List<String> classes) {
        return new ImportOptions(classes, null, null, null, null, 255, classes != null);
    }
}
