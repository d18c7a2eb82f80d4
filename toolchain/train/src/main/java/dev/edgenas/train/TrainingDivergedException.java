package dev.edgenas.train;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;

/**
 * The training loss became NaN or infinite. A typed error, so that a caller running many trainings (the search's final
 * stage) can retry or skip one network instead of losing the whole run.
 */
public final class TrainingDivergedException extends EdgenasException {
    private final int epoch;
    private final int step;

    public TrainingDivergedException(double loss, int epoch, int step) {
        super(ExitCode.FAILURE, "training diverged: loss " + loss + " at epoch " + epoch + " step " + step + "; lower --lr");
        this.epoch = epoch;
        this.step = step;
    }

    public int epoch() {
        return epoch;
    }

    public int step() {
        return step;
    }
}
