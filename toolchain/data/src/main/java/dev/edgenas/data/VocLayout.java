package dev.edgenas.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things live in a PASCAL VOC segmentation tree:
 * {@code JPEGImages/<id>.jpg} (or .png), {@code SegmentationClass/<id>.png},
 * {@code ImageSets/Segmentation/<split>.txt} and edgenas' optional {@code dataset.json}.
 */
public record VocLayout(Path root) {
    public static final String IMAGES = "JPEGImages";
    public static final String MASKS = "SegmentationClass";
    public static final String DATASET_JSON = "dataset.json";

    public Path imagesDir() {
        return root.resolve(IMAGES);
    }

    public Path masksDir() {
        return root.resolve(MASKS);
    }

    public Path splitsDir() {
        return root.resolve("ImageSets").resolve("Segmentation");
    }

    public Path splitFile(String split) {
        return splitsDir().resolve(split + ".txt");
    }

    public Path datasetJson() {
        return root.resolve(DATASET_JSON);
    }

    /** The JPEG path every writer uses and error messages name. */
    public Path jpegPath(String id) {
        return imagesDir().resolve(id + ".jpg");
    }

    /** The image of an id: the .jpg if present, else the .png if present, else the .jpg path. */
    public Path imagePath(String id) {
        Path jpg = jpegPath(id);
        if (Files.isRegularFile(jpg)) {
            return jpg;
        }
        Path png = imagesDir().resolve(id + ".png");
        return Files.isRegularFile(png) ? png : jpg;
    }

    public Path maskPath(String id) {
        return masksDir().resolve(id + ".png");
    }
}
