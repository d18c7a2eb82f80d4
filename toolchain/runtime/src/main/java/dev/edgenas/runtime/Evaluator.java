package dev.edgenas.runtime;

import dev.edgenas.core.BadInputException;
import dev.edgenas.data.Preprocess;
import dev.edgenas.data.SegSample;
import dev.edgenas.data.VocDataset;
import dev.edgenas.data.metrics.ConfusionMatrix;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxModels;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

/**
 * Evaluates a segmentation model on a dataset split: mIoU, per-class IoU and pixel accuracy from a
 * confusion matrix (ignore label respected), plus throughput. A batch's images are decoded and preprocessed in
 * parallel. When the machine has more cores than ONNX Runtime's intra-op threads, the next batch is prepared while
 * ONNX Runtime computes the current one; otherwise it is prepared between batches, because a decoding thread beside
 * ONNX Runtime's workers on the same cores stalls every parallel section of the network (on 2 cores with 2 threads
 * the time inside ONNX Runtime doubled, from 282 to 136 images/s, so the overlap lost more than it hid). The time
 * spent inside ONNX Runtime alone is reported too (forward-only throughput, what framework benchmarks quote).
 */
public final class Evaluator {
    private Evaluator() {
    }

    /**
     * @param limit    evaluate at most this many images (0 = all)
     * @param progress called with the number of images done after each batch (may be null)
     */
    public static EvalResult evaluate(Path modelFile, VocDataset data, int limit, int batch, OrtSettings settings,
                                      IntConsumer progress) {
        int n = limit > 0 ? Math.min(limit, data.size()) : data.size();
        ModelMetadata meta = ModelMetadata.of(OnnxModels.read(modelFile), modelFile);
        if (meta.numClasses() != data.numClasses()) {
            throw BadInputException.at(modelFile, "metadata_props." + ModelMetadata.KEY + ".classes",
                    "model has " + meta.numClasses() + " classes, dataset " + data.root() + " has " + data.numClasses());
        }
        try (OrtInference ort = OrtInference.open(modelFile, settings)) {
            int classes = meta.numClasses();
            int hw = meta.height() * meta.width();
            ConfusionMatrix cm = new ConfusionMatrix(classes, data.ignoreLabel());
            long t0 = System.nanoTime();
            long inOrt = 0;
            boolean overlap = Runtime.getRuntime().availableProcessors() > settings.threads();
            CompletableFuture<Batch> next = overlap
                    ? CompletableFuture.supplyAsync(() -> Batch.load(data, meta, 0, Math.min(batch, n))) : null;
            for (int start = 0; start < n; start += batch) {
                Batch cur = overlap ? next.join() : Batch.load(data, meta, start, Math.min(batch, n - start));
                int nextStart = start + batch;
                if (overlap && nextStart < n) {
                    next = CompletableFuture.supplyAsync(() -> Batch.load(data, meta, nextStart, Math.min(batch, n - nextStart)));
                }
                long r0 = System.nanoTime();
                float[] logits = ort.first(cur.input, new long[] {cur.count, 3, meta.height(), meta.width()});
                inOrt += System.nanoTime() - r0;
                if (logits.length != cur.count * classes * hw) {
                    throw BadInputException.at(modelFile, "output " + meta.outputName(), "has " + logits.length
                            + " values, expected " + cur.count + "x" + classes + "x" + hw);
                }
                for (int i = 0; i < cur.count; i++) {
                    cm.add(cur.masks[i], Logits.argmax(logits, i, classes, hw));
                }
                if (progress != null) {
                    progress.accept(start + cur.count);
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> per = new LinkedHashMap<>();
            double[] iou = cm.iou();
            for (int c = 0; c < iou.length; c++) {
                per.put(meta.classes().get(c), iou[c]);
            }
            return new EvalResult(modelFile.toString(), data.root() + ":" + data.split(), n, cm.meanIou(),
                    cm.pixelAccuracy(), per, secs, n / secs, n / (inOrt / 1e9), settings.threads(), batch);
        }
    }

    /** One preprocessed batch: CHW floats at the model's input size and the matching masks. */
    private record Batch(float[] input, byte[][] masks, int count) {
        static Batch load(VocDataset data, ModelMetadata meta, int start, int count) {
            int plane = 3 * meta.height() * meta.width();
            float[] input = new float[count * plane];
            byte[][] masks = new byte[count][];
            // each image fills its own slots; fit() leaves an image already at the input size as it is
            java.util.stream.IntStream.range(0, count).parallel().forEach(i -> {
                SegSample s = Preprocess.fit(data.get(start + i), meta.width(), meta.height());
                Preprocess.toChw(s, meta.mean(), meta.std(), input, i * plane);
                masks[i] = s.mask();
            });
            return new Batch(input, masks, count);
        }
    }
}
