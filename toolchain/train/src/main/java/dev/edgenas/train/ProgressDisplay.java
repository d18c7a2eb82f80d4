package dev.edgenas.train;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar per epoch on stderr, showing the running loss and images/s; a no-op when disabled. */
final class ProgressDisplay implements AutoCloseable {
    private final boolean enabled;
    private ProgressBar bar;

    ProgressDisplay(boolean enabled) {
        this.enabled = enabled;
    }

    void startEpoch(int epoch, int epochs, int steps) {
        close();
        if (enabled) {
            bar = new ProgressBarBuilder().setTaskName(String.format("epoch %d/%d", epoch, epochs))
                    .setInitialMax(steps).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).build();
        }
    }

    void step(double meanLoss, double imagesPerSecond) {
        if (bar != null) {
            bar.setExtraMessage(String.format(" loss %.4f  %.1f img/s", meanLoss, imagesPerSecond));
            bar.step();
        }
    }

    void message(String text) {
        if (bar != null) {
            bar.setExtraMessage(" " + text);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
