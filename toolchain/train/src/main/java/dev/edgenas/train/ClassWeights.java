package dev.edgenas.train;

import java.util.Arrays;

/**
 * Cross-entropy class weights from the pixel frequencies of the training samples at the model's input size
 * (before augmentation). Classes absent from the split get weight 1: they contribute no pixels either way.
 */
final class ClassWeights {
    private ClassWeights() {
    }

    /** The weights for {@code kind}, or null for {@link TrainOptions.ClassWeighting#NONE}. */
    static float[] of(TrainOptions.ClassWeighting kind, SampleSource train, int numClasses) {
        if (kind == TrainOptions.ClassWeighting.NONE) {
            return null;
        }
        long[] counts = new long[numClasses];
        for (int i = 0; i < train.size(); i++) {
            for (byte b : train.sample(i).mask()) {
                int c = b & 0xFF;
                if (c < numClasses) { // the ignore label (255) counts for no class
                    counts[c]++;
                }
            }
        }
        return fromCounts(kind, counts);
    }

    static float[] fromCounts(TrainOptions.ClassWeighting kind, long[] counts) {
        double total = Arrays.stream(counts).sum();
        double[] present = Arrays.stream(counts).filter(n -> n > 0).mapToDouble(n -> n / total).sorted().toArray();
        if (present.length == 0) {
            throw new IllegalArgumentException("no labelled pixel in the training split");
        }
        int n = present.length;
        double median = n % 2 == 1 ? present[n / 2] : (present[n / 2 - 1] + present[n / 2]) / 2;
        double power = kind == TrainOptions.ClassWeighting.SQRT_MEDIAN_FREQUENCY ? 0.5 : 1.0;
        float[] w = new float[counts.length];
        for (int c = 0; c < counts.length; c++) {
            w[c] = counts[c] == 0 ? 1f : (float) Math.pow(median / (counts[c] / total), power);
        }
        return w;
    }
}
