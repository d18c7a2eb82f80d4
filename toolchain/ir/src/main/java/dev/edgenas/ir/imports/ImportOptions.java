package dev.edgenas.ir.imports;

import java.util.List;

/**
 * What a raw export does not say about itself: class names, input normalisation and (for a
 * symbolic spatial input) the input size. Null fields take the defaults documented in docs/MODELS.md:
 * classes {@code class0..classN-1} from the output's channels, ImageNet mean/std (torchvision's
 * convention), the export's own input size.
 */
public record ImportOptions(List<String> classes, float[] mean, float[] std, Integer height, Integer width,
                            int ignoreLabel) {
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    public static ImportOptions defaults() {
        return new ImportOptions(null, null, null, null, null, 255);
    }
}
