package dev.edgenas.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars on stderr (stdout stays clean for --json), or none. */
final class Progress {
    private Progress() {
    }

    static ProgressBar bar(String task, long total, boolean enabled) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(enabled ? System.err : new PrintStream(PrintStream.nullOutputStream())));
        return b.build();
    }
}
