package dev.edgenas.gap8;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of a GAP8 profiling run. Build with {@link #builder()}; defaults in brackets.
 *
 * @param port               serial device of the board's UART (GAPuino: /dev/ttyUSB1); for host-sim
 *                           only with simTty (otherwise host-sim makes its own pty pair)
 * @param baud               UART baud rate [115200]
 * @param sdk                GAP SDK root or GVSOC setup prefix [see device.Gap8Sdk]; board and gvsoc only
 * @param board              "gapuino" [default], "ai-deck", or an SDK config script name (*.sh)
 * @param platform           board, gvsoc or host-sim [host-sim]
 * @param fcHz               fabric-controller clock [250 MHz]
 * @param clHz               cluster clock [175 MHz]
 * @param reps               timed repetitions per kernel [20, at most 1000]
 * @param warmup             untimed runs before them [3]
 * @param cores              cluster cores a kernel is forked on [8]
 * @param workDir            where run folders go [./edgenas-gap8]
 * @param dryRun             generate projects and list the commands, run nothing [false]
 * @param flash              board: `make flash` then wait for the board's reset, instead of `make run` [false]
 * @param maxAttempts        runs of a batch in a row without progress before giving up [3]
 * @param backoff            wait before the first retry, doubled each time [1 s]
 * @param l1Budget           bytes of cluster L1 a kernel's tensors may take [48 KiB]
 * @param l2Budget           bytes of L2 a kernel's tensors may take; larger ones are unsupported [320 KiB]
 * @param maxKernelsPerBatch kernels compiled into one firmware [16]
 * @param timeoutScale       multiplies every timeout [1.0]
 * @param simTty             host-sim: the tty the firmware writes to (its peer is {@code port}); null:
 *                           host-sim creates a socat pair per run
 */
public record Gap8Options(String port, int baud, Path sdk, String board, Gap8Platform platform, long fcHz,
                          long clHz, int reps, int warmup, int cores, Path workDir, boolean dryRun, boolean flash,
                          int maxAttempts, Duration backoff, long l1Budget, long l2Budget, int maxKernelsPerBatch,
                          double timeoutScale, Path simTty) {

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.port = port;
        b.baud = baud;
        b.sdk = sdk;
        b.board = board;
        b.platform = platform;
        b.fcHz = fcHz;
        b.clHz = clHz;
        b.reps = reps;
        b.warmup = warmup;
        b.cores = cores;
        b.workDir = workDir;
        b.dryRun = dryRun;
        b.flash = flash;
        b.maxAttempts = maxAttempts;
        b.backoff = backoff;
        b.l1Budget = l1Budget;
        b.l2Budget = l2Budget;
        b.maxKernelsPerBatch = maxKernelsPerBatch;
        b.timeoutScale = timeoutScale;
        b.simTty = simTty;
        return b;
    }

    /** The SDK board configuration script (in $SDK/configs). */
    public String boardConfigScript() {
        return switch (board) {
            case "gapuino" -> "gapuino_v3.sh";
            case "ai-deck" -> "ai_deck.sh";
            default -> board.endsWith(".sh") ? board : board + ".sh";
        };
    }

    /** Fluent builder with the defaults listed on {@link Gap8Options}. */
    public static final class Builder {
        private String port;
        private int baud = 115200;
        private Path sdk;
        private String board = "gapuino";
        private Gap8Platform platform = Gap8Platform.HOST_SIM;
        private long fcHz = 250_000_000L;
        private long clHz = 175_000_000L;
        private int reps = 20;
        private int warmup = 3;
        private int cores = 8;
        private Path workDir = Path.of("edgenas-gap8");
        private boolean dryRun;
        private boolean flash;
        private int maxAttempts = 3;
        private Duration backoff = Duration.ofSeconds(1);
        private long l1Budget = 48 * 1024;
        private long l2Budget = 320 * 1024;
        private int maxKernelsPerBatch = 16;
        private double timeoutScale = 1.0;
        private Path simTty;

        public Builder port(String v) { port = v; return this; }
        public Builder baud(int v) { baud = v; return this; }
        public Builder sdk(Path v) { sdk = v; return this; }
        public Builder board(String v) { board = v; return this; }
        public Builder platform(Gap8Platform v) { platform = v; return this; }
        public Builder fcHz(long v) { fcHz = v; return this; }
        public Builder clHz(long v) { clHz = v; return this; }
        public Builder reps(int v) { reps = v; return this; }
        public Builder warmup(int v) { warmup = v; return this; }
        public Builder cores(int v) { cores = v; return this; }
        public Builder workDir(Path v) { workDir = v; return this; }
        public Builder dryRun(boolean v) { dryRun = v; return this; }
        public Builder flash(boolean v) { flash = v; return this; }
        public Builder maxAttempts(int v) { maxAttempts = v; return this; }
        public Builder backoff(Duration v) { backoff = v; return this; }
        public Builder l1Budget(long v) { l1Budget = v; return this; }
        public Builder l2Budget(long v) { l2Budget = v; return this; }
        public Builder maxKernelsPerBatch(int v) { maxKernelsPerBatch = v; return this; }
        public Builder timeoutScale(double v) { timeoutScale = v; return this; }
        public Builder simTty(Path v) { simTty = v; return this; }

        public Gap8Options build() {
            return new Gap8Options(port, baud, sdk, board, platform, fcHz, clHz, reps, warmup, cores, workDir, dryRun,
                    flash, maxAttempts, backoff, l1Budget, l2Budget, maxKernelsPerBatch, timeoutScale, simTty);
        }
    }
}
