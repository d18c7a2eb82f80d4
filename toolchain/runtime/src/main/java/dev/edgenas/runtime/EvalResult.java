package dev.edgenas.runtime;

import java.util.Map;

/**
 * Accuracy and throughput of one evaluation run.
 *
 * @param model         model file
 * @param dataset       dataset root and split
 * @param images        images evaluated
 * @param miou          mean IoU over classes present
 * @param pixelAccuracy correct / labelled pixels
 * @param perClassIou   class name -> IoU (NaN where a class never occurs)
 * @param seconds       wall time of the run (preprocessing + inference)
 * @param imagesPerSecond images / seconds
 * @param inferenceImagesPerSecond images / seconds spent inside ONNX Runtime (forward only: no decoding,
 *                      preprocessing or scoring)
 * @param threads       ONNX Runtime intra-op threads
 * @param batch         batch size
 */
public record EvalResult(String model, String dataset, int images, double miou, double pixelAccuracy,
                         Map<String, Double> perClassIou, double seconds, double imagesPerSecond,
                         double inferenceImagesPerSecond,
                         int threads, int batch) {
}
