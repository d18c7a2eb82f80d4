package dev.edgenas.train;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.edgenas.core.BadInputException;
import java.nio.file.Path;

/**
 * Everything one training run needs. Plain mutable fields with the defaults of the edgenas recipe,
 * so that the CLI (picocli) and Java callers (the search's fine-tuning) fill in what they want;
 * {@link Trainer#run} validates. The recipe part is stored in the trained model's
 * {@code edgenas.training} metadata and in checkpoints (a resumed run must use the same recipe).
 */
public final class TrainOptions {
    public enum OptimizerKind { ADAMW, SGD }

    public enum Schedule { COSINE, POLY }

    /**
     * Per-class weights of the cross-entropy, from the training split's pixel frequencies f_c:
     * MEDIAN_FREQUENCY w_c = median(f) / f_c (SegNet's balancing), SQRT_MEDIAN_FREQUENCY its square root (milder).
     */
    public enum ClassWeighting { NONE, MEDIAN_FREQUENCY, SQRT_MEDIAN_FREQUENCY }

    /** ONNX model to train (built by edgenas: carries edgenas.preprocess metadata). */
    public Path model;
    /** Dataset root in PASCAL VOC layout (dataset.json with the class names). */
    public Path data;
    public String trainSplit = "train";
    public String valSplit = "val";
    public int epochs = 30;
    public int batch = 8;
    /** Peak learning rate, reached at the end of warm-up (the default suits AdamW; SGD wants ~0.01-0.05). */
    public double lr = 3e-3;
    /**
     * Decoupled weight decay (AdamW: w -= lr * wd * w) or L2 added to the gradient (SGD: use ~1e-4);
     * never applied to biases and BatchNorm scale/shift.
     */
    public double weightDecay = 1e-2;
    public OptimizerKind optimizer = OptimizerKind.ADAMW;
    /** SGD momentum (ignored by AdamW, which uses betas 0.9/0.999). */
    public double momentum = 0.9;
    /** Linear warm-up from lr/100 to lr over this many epochs (fractions allowed). */
    public double warmupEpochs = 1;
    public Schedule schedule = Schedule.COSINE;
    /** Exponent of the poly schedule. */
    public double polyPower = 0.9;
    /** Random horizontal flips. */
    public boolean flip = true;
    /** Random scale range applied before a random crop at the model's input size; 1/1 disables. */
    public double scaleMin = 0.75;
    public double scaleMax = 1.25;
    /** Brightness, contrast and saturation jitter amplitude (0 disables). */
    public double colorJitter = 0.2;
    public long seed = 1;
    /** Class weighting of the cross-entropy (small classes such as eyes and mouth count more when on). */
    public ClassWeighting classWeights = ClassWeighting.NONE;
    /**
     * Online hard example mining: the loss of each batch averages only this fraction of its labelled pixels, the
     * ones with the highest loss (0 = every pixel).
     */
    public double ohemFraction = 0;
    /** PyTorch intra-op threads; 0 = every available core. */
    public int threads = 0;
    /** Where the trained ONNX model goes (written atomically); null = do not write (API use). */
    public Path out;
    /** Checkpoint folder; null = {@code <out>.ckpt}, or no checkpoints when out is null too. */
    public Path checkpointDir;
    /** Continue from the checkpoint folder's last completed epoch (starts fresh when there is none). */
    public boolean resume;
    /** Teacher ONNX model for knowledge distillation, or null. */
    public Path teacher;
    /** Weight of the distillation term (the hard-label loss has weight 1). */
    public double kdWeight = 1.0;
    public double kdTemperature = 2.0;
    /** Validate on at most this many images (0 = the whole split). */
    public int valLimit = 0;
    /** Train on at most this many images (0 = the whole split); for tests and quick trials. */
    public int trainLimit = 0;
    /** Draw a progress bar on stderr. */
    public boolean progress = true;

    public TrainOptions copy() {
        TrainOptions o = new TrainOptions();
        for (var f : TrainOptions.class.getFields()) {
            try {
                if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                    f.set(o, f.get(this));
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return o;
    }

    /** The checkpoint folder actually used, or null for none. */
    @JsonIgnore
    public Path effectiveCheckpointDir() {
        if (checkpointDir != null) {
            return checkpointDir;
        }
        return out == null ? null : out.resolveSibling(out.getFileName() + ".ckpt");
    }

    /** Throws a usage error (exit 2) naming the first bad option. */
    public TrainOptions validate() {
        require(data != null, "data", "is required");
        require(epochs >= 1, "epochs", "must be at least 1 (got " + epochs + ")");
        require(batch >= 2, "batch", "must be at least 2: BatchNormalization needs two values per channel (got " + batch + ")");
        require(lr > 0 && Double.isFinite(lr), "lr", "must be positive (got " + lr + ")");
        require(weightDecay >= 0, "weight-decay", "must not be negative (got " + weightDecay + ")");
        require(momentum >= 0 && momentum < 1, "momentum", "must be in [0, 1) (got " + momentum + ")");
        require(warmupEpochs >= 0 && warmupEpochs <= epochs, "warmup-epochs", "must be in [0, epochs] (got " + warmupEpochs + ")");
        require(polyPower > 0, "poly-power", "must be positive");
        require(scaleMin > 0 && scaleMax >= scaleMin, "scale", "needs 0 < min <= max (got " + scaleMin + ".." + scaleMax + ")");
        require(colorJitter >= 0 && colorJitter < 1, "color-jitter", "must be in [0, 1) (got " + colorJitter + ")");
        require(ohemFraction >= 0 && ohemFraction < 1, "ohem-fraction", "must be in [0, 1) (got " + ohemFraction + ")");
        require(classWeights != null, "class-weights", "is required");
        require(threads >= 0, "threads", "must not be negative");
        require(kdWeight >= 0, "kd-weight", "must not be negative");
        require(kdTemperature > 0, "kd-temperature", "must be positive");
        require(valLimit >= 0 && trainLimit >= 0, "val-limit", "must not be negative");
        require(!resume || effectiveCheckpointDir() != null, "resume", "needs --out or --checkpoint-dir");
        return this;
    }

    private static void require(boolean ok, String field, String problem) {
        if (!ok) {
            // names a flag: a usage error (exit 2), as picocli's own
            throw new dev.edgenas.core.EdgenasException(dev.edgenas.core.ExitCode.USAGE, "train option --" + field + ": " + problem);
        }
    }
}
