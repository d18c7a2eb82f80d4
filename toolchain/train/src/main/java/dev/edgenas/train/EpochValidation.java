package dev.edgenas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.edgenas.data.metrics.ConfusionMatrix;
import dev.edgenas.train.onnx.OnnxNetwork;
import java.util.Arrays;

/** Validation: inference-mode forward passes, arg-max, confusion matrix; also times the forward passes. */
final class EpochValidation {
    private EpochValidation() {
    }

    /** Result of one validation pass; imagesPerSecond counts forward + arg-max time only. */
    record Evaluation(ConfusionMatrix confusion, double imagesPerSecond) {
    }

    static Evaluation evaluate(OnnxNetwork net, SampleSource val, int batch, int classes, int ignore, NDManager root,
                               int width, int height) {
        ConfusionMatrix cm = new ConfusionMatrix(classes, ignore);
        long nanos = 0;
        int plane = width * height;
        for (int from = 0; from < val.size(); from += batch) {
            int to = Math.min(val.size(), from + batch);
            SampleSource.Batch b = val.plain(from, to);
            long[] took = new long[1];
            int[] predicted = dev.edgenas.core.NativeCalls.run(() -> {
                try (NDManager step = root.newSubManager()) {
                    NDArray x = step.create(b.images(), new Shape(b.size(), 3, height, width));
                    long t0 = System.nanoTime();
                    NDArray logits = net.forward(x, false);
                    int[] p = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
                    took[0] = System.nanoTime() - t0;
                    return p;
                }
            });
            nanos += took[0];
            for (int k = 0; k < b.size(); k++) {
                cm.add(b.masks()[k], Arrays.copyOfRange(predicted, k * plane, (k + 1) * plane));
            }
        }
        return new Evaluation(cm, val.size() / Math.max(1e-9, nanos / 1e9));
    }
}
