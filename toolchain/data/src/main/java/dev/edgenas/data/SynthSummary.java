package dev.edgenas.data;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link SyntheticPortraits#generate} made (or found already made).
 *
 * @param root           the dataset directory (a VOC tree)
 * @param seed           dataset seed
 * @param size           image width = height
 * @param trainCount     images in train.txt
 * @param valCount       images in val.txt
 * @param elapsedMs      wall time of this call
 * @param reused         true when a complete dataset with the same seed, size and counts was found
 *                       and nothing was generated
 * @param classNames     class names by id
 * @param classFrequency share of all pixels (train and val) per class id, summing to 1
 */
public record SynthSummary(Path root, long seed, int size, int trainCount, int valCount, long elapsedMs,
                           boolean reused, List<String> classNames, List<Double> classFrequency) {
    public SynthSummary {
        classNames = List.copyOf(classNames);
        classFrequency = List.copyOf(classFrequency);
    }

    public int imageCount() {
        return trainCount + valCount;
    }

    /** Generation speed; 0 when the dataset was reused. */
    public double imagesPerSecond() {
        return reused || elapsedMs <= 0 ? 0 : imageCount() * 1000.0 / elapsedMs;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(reused ? "reused " : "generated ").append(root).append(": ").append(trainCount).append(" train + ")
                .append(valCount).append(" val images, ").append(size).append('x').append(size).append(", seed ")
                .append(seed).append(", ").append(elapsedMs).append(" ms");
        for (int i = 0; i < classNames.size(); i++) {
            sb.append(i == 0 ? "\n  pixel share: " : ", ").append(classNames.get(i)).append(' ')
                    .append(String.format(java.util.Locale.ROOT, "%.2f%%", 100 * classFrequency.get(i)));
        }
        return sb.toString();
    }
}
