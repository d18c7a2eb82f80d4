package dev.edgenas.train;

/**
 * Callbacks of a training run (all optional). {@link #onEpoch} runs after the epoch's checkpoint
 * is on disk, so a listener that throws there stops the run resumably.
 */
public interface TrainListener {
    TrainListener NONE = new TrainListener() {
    };

    /** Before the first step; {@code firstEpoch} is 1 for a fresh run, later when resuming. */
    default void onStart(int firstEpoch, int epochs, int stepsPerEpoch, long parameters) {
    }

    default void onStep(int epoch, int step, double loss, double learningRate) {
    }

    default void onEpoch(EpochStats stats) {
    }
}
