package dev.edgenas.cli;

import dev.edgenas.train.EpochStats;
import dev.edgenas.train.TrainListener;
import dev.edgenas.train.TrainOptions;
import dev.edgenas.train.TrainResult;
import dev.edgenas.train.Trainer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, defaultValueProvider = OptionDefaults.Train.class,
        description = {"Train or fine-tune an ONNX-defined network with DJL's PyTorch engine; the weights go back into the ONNX file.",
            "Checkpoints every epoch; --resume continues a killed run from its last completed epoch."},
        footer = {"%nExamples:",
            "  edgenas train --model work/deeplab.onnx --data work/data --epochs 30 --out models/deeplabv3plus-portrait.onnx",
            "  edgenas train --model sub.onnx --data work/data --epochs 3 --teacher models/deeplabv3plus-portrait.onnx --kd-weight 1 --out sub-ft.onnx",
            "  edgenas train ... --resume"})
final class TrainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--model", required = true, description = "ONNX model to train (written by edgenas).")
    Path model;

    @Option(names = "--data", required = true, description = "Dataset root (VOC layout).")
    Path data;

    @Option(names = "--out", required = true, description = "Trained ONNX model (written atomically).")
    Path out;

    @Option(names = "--epochs", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", description = "Peak learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--weight-decay", description = "Weight decay (default ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--optimizer", description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    TrainOptions.OptimizerKind optimizer;

    @Option(names = "--schedule", description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    TrainOptions.Schedule schedule;

    @Option(names = "--warmup-epochs", description = "Linear warm-up epochs (default ${DEFAULT-VALUE}).")
    double warmupEpochs;

    @Option(names = "--no-augment", description = "Disable flip, scale/crop and colour jitter.")
    boolean noAugment;

    @Option(names = "--no-flip", description = "Disable random horizontal flips.")
    boolean noFlip;

    @Option(names = "--scale-min", description = "Random rescale lower bound (default ${DEFAULT-VALUE}; 1 with --scale-max 1 disables).")
    double scaleMin;

    @Option(names = "--scale-max", description = "Random rescale upper bound (default ${DEFAULT-VALUE}).")
    double scaleMax;

    @Option(names = "--color-jitter", description = "Brightness/contrast/saturation jitter amplitude (default ${DEFAULT-VALUE}).")
    double colorJitter;

    @Option(names = "--class-weights", description = "Cross-entropy class weights from the training split's pixel "
            + "frequencies: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    TrainOptions.ClassWeighting classWeights;

    @Option(names = "--ohem-fraction", description = "Average each batch's loss over only this fraction of its "
            + "labelled pixels, the hardest ones (0 = all; default ${DEFAULT-VALUE}).")
    double ohemFraction;

    @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "PyTorch threads (0 = all cores).")
    int threads;

    @Option(names = "--checkpoint-dir", description = "Checkpoint folder (default: OUT.ckpt).")
    Path checkpointDir;

    @Option(names = "--force", description = "Replace --out even when it is not a model edgenas wrote.")
    boolean force;

    @Option(names = "--resume", description = "Continue from the last completed epoch in the checkpoint folder.")
    boolean resume;

    @Option(names = "--teacher", description = "Teacher ONNX model for knowledge distillation.")
    Path teacher;

    @Option(names = "--kd-weight", description = "Distillation weight (default ${DEFAULT-VALUE}).")
    double kdWeight;

    @Option(names = "--kd-temperature", description = "Distillation temperature (default ${DEFAULT-VALUE}).")
    double kdTemperature;

    @Option(names = "--val-limit", description = "Validate on at most N images (0 = all).")
    int valLimit;

    @Option(names = "--train-limit", description = "Train on at most N images (0 = all).")
    int trainLimit;

    @Override
    public Integer call() {
        OutGuard.model(out, force, "--out");
        TrainOptions o = new TrainOptions();
        o.model = RawExports.normalised(model, "train", data);
        o.data = data;
        o.out = out;
        o.epochs = epochs;
        o.batch = batch;
        o.lr = lr;
        o.weightDecay = weightDecay;
        o.optimizer = optimizer;
        o.schedule = schedule;
        o.warmupEpochs = warmupEpochs;
        o.flip = !noFlip;
        o.scaleMin = scaleMin;
        o.scaleMax = scaleMax;
        o.colorJitter = colorJitter;
        if (noAugment) {
            o.flip = false;
            o.scaleMin = 1;
            o.scaleMax = 1;
            o.colorJitter = 0;
        }
        o.classWeights = classWeights;
        o.ohemFraction = ohemFraction;
        o.seed = seed;
        o.threads = threads;
        o.checkpointDir = checkpointDir;
        o.resume = resume;
        o.teacher = RawExports.normalised(teacher, "train", data);
        o.kdWeight = kdWeight;
        o.kdTemperature = kdTemperature;
        o.valLimit = valLimit;
        o.trainLimit = trainLimit;
        o.progress = common.progress();
        TrainListener log = new TrainListener() {
            @Override
            public void onEpoch(EpochStats s) {
                if (!common.json) {
                    System.err.printf("epoch %d: loss %.4f  val mIoU %.4f  %.1f images/s%n", s.epoch(), s.trainLoss(),
                            s.valMiou(), s.trainImagesPerSecond());
                }
            }
        };
        TrainResult r = Trainer.run(o, log);
        StringBuilder sb = new StringBuilder(String.format("wrote %s: val mIoU %.4f after %d epochs, %.1f train images/s, %.0f s",
                r.output(), r.finalMiou(), r.epochs().size(), r.trainImagesPerSecond(), r.wallSeconds()));
        for (Map.Entry<String, Double> e : r.perClassIou().entrySet()) {
            sb.append(String.format("%n  %-14s %.4f", e.getKey(), e.getValue()));
        }
        common.print(r, sb.toString());
        return 0;
    }
}
