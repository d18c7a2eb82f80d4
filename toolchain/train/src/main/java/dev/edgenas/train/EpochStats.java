package dev.edgenas.train;

import java.util.Map;

/**
 * What one epoch achieved.
 *
 * @param epoch                   1-based epoch number
 * @param trainLoss               mean training loss over the epoch's steps (hard-label + distillation)
 * @param learningRate            rate of the epoch's last step
 * @param valMiou                 mean IoU on the validation split (classes present in truth or prediction)
 * @param valPixelAccuracy        pixel accuracy on the validation split
 * @param perClassIou             class name -> IoU (NaN-free: classes absent everywhere are left out)
 * @param trainImagesPerSecond    training throughput (data preparation, forward, backward, update)
 * @param inferenceImagesPerSecond validation forward throughput at the training batch size
 * @param seconds                 wall time of the epoch including validation and checkpoint
 */
public record EpochStats(int epoch, double trainLoss, double learningRate, double valMiou, double valPixelAccuracy,
                         Map<String, Double> perClassIou, double trainImagesPerSecond,
                         double inferenceImagesPerSecond, double seconds) {
}
