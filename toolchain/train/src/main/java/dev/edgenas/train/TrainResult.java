package dev.edgenas.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Outcome of {@link Trainer#run}.
 *
 * @param output                   trained model file, or null when none was written
 * @param epochs                   per-epoch statistics, including epochs done before a resume
 * @param resumedAfterEpoch        0 for a fresh run, else the checkpoint's last completed epoch
 * @param parameters               trainable parameter count
 * @param finalMiou                validation mIoU after the last epoch
 * @param perClassIou              validation IoU per class after the last epoch
 * @param trainImagesPerSecond     mean training throughput of the epochs this process ran
 * @param inferenceImagesPerSecond validation forward throughput of the last epoch
 * @param wallSeconds              wall time of this process's part of the run
 */
public record TrainResult(Path output, List<EpochStats> epochs, int resumedAfterEpoch, long parameters,
                          double finalMiou, Map<String, Double> perClassIou, double trainImagesPerSecond,
                          double inferenceImagesPerSecond, double wallSeconds) {
    public EpochStats last() {
        return epochs.get(epochs.size() - 1);
    }
}
