package dev.edgenas.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.data.metrics.ConfusionMatrix;
import dev.edgenas.train.onnx.OnnxNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One training run: epochs of augmented mini-batches, validation, checkpoint, listener. */
final class TrainingRun {
    private final TrainingSetup s;
    private final TrainOptions o;
    private final TrainListener listener;
    private final List<EpochStats> history = new ArrayList<>();

    TrainingRun(TrainingSetup setup, TrainListener listener) {
        this.s = setup;
        this.o = setup.options();
        this.listener = listener;
    }

    /** Runs the remaining epochs; returns the trained, annotated model and the result. */
    Trainer.Outcome run() {
        long t0 = System.nanoTime();
        int first = 1;
        double earlierWall = 0;
        if (s.resumed() != null) {
            Checkpoints.State st = s.resumed().state();
            first = st.epoch() + 1;
            history.addAll(st.history());
            earlierWall = st.wallSeconds();
        }
        int stepsPerEpoch = s.train().size() / o.batch;
        LearningRateSchedule schedule = LearningRateSchedule.of(o, stepsPerEpoch);
        Engine engine = TorchRuntime.start(s.threads());
        listener.onStart(first, o.epochs, stepsPerEpoch, s.net().parameterCount());
        List<Double> throughput = new ArrayList<>();
        try (ProgressDisplay bar = new ProgressDisplay(o.progress)) {
            for (int epoch = first; epoch <= o.epochs; epoch++) {
                long e0 = System.nanoTime();
                bar.startEpoch(epoch, o.epochs, stepsPerEpoch);
                int[] order = s.train().order(o.seed, epoch);
                double lossSum = 0;
                double lr = 0;
                for (int step = 0; step < stepsPerEpoch; step++) {
                    long global = (long) (epoch - 1) * stepsPerEpoch + step;
                    lr = schedule.at(global);
                    int[] idx = Arrays.copyOfRange(order, step * o.batch, (step + 1) * o.batch);
                    double loss = step(engine, s.train().augmented(idx, o.seed, epoch, o), lr);
                    if (!Double.isFinite(loss)) {
                        throw new TrainingDivergedException(loss, epoch, step + 1);
                    }
                    lossSum += loss;
                    listener.onStep(epoch, step + 1, loss, lr);
                    bar.step(lossSum / (step + 1), (step + 1) * o.batch / seconds(e0));
                }
                double trainIps = stepsPerEpoch * o.batch / seconds(e0);
                throughput.add(trainIps);
                bar.message("validating");
                EpochValidation.Evaluation ev = EpochValidation.evaluate(s.net(), s.val(), o.batch, s.meta().numClasses(),
                        s.meta().ignoreLabel(), s.manager(), s.meta().width(), s.meta().height());
                bar.close();
                EpochStats stats = new EpochStats(epoch, lossSum / stepsPerEpoch, lr, ev.confusion().meanIou(),
                        ev.confusion().pixelAccuracy(), perClass(ev.confusion()), trainIps, ev.imagesPerSecond(),
                        seconds(e0));
                history.add(stats);
                checkpoint(epoch, earlierWall + seconds(t0));
                listener.onEpoch(stats);
            }
        }
        double wall = earlierWall + seconds(t0);
        ModelProto trained = annotate(wall);
        EpochStats last = history.get(history.size() - 1);
        double ips = throughput.stream().mapToDouble(Double::doubleValue).average().orElse(last.trainImagesPerSecond());
        TrainResult r = new TrainResult(o.out, List.copyOf(history), first - 1, s.net().parameterCount(),
                last.valMiou(), last.perClassIou(), ips, last.inferenceImagesPerSecond(), seconds(t0));
        return new Trainer.Outcome(trained, r);
    }

    /** Forward, loss, backward and update on one batch; every array of the step dies with its manager. */
    private double step(Engine engine, SampleSource.Batch b, double lr) {
        return dev.edgenas.core.NativeCalls.run(() -> stepNative(engine, b, lr));
    }

    private double stepNative(Engine engine, SampleSource.Batch b, double lr) {
        int h = s.meta().height();
        int w = s.meta().width();
        float loss;
        try (NDManager m = s.manager().newSubManager()) {
            NDArray x = m.create(b.images(), new Shape(b.size(), 3, h, w));
            NDArray y = m.create(b.labels(), new Shape(b.size(), h, w));
            NDArray teacherLogits = s.teacher() == null ? null : s.teacher().forward(x, false);
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray logits = s.net().forward(x, true);
                NDArray l = SegmentationLoss.crossEntropy(logits, y, s.meta().ignoreLabel(), s.classWeights(),
                        o.ohemFraction);
                if (teacherLogits != null) {
                    l = l.add(SegmentationLoss.distillation(logits, teacherLogits, o.kdTemperature).mul((float) o.kdWeight));
                }
                gc.backward(l);
                loss = l.getFloat();
            }
            s.optimizer().step(lr);
        }
        return loss;
    }

    private void checkpoint(int epoch, double wallSoFar) {
        Path dir = o.effectiveCheckpointDir();
        if (dir == null) {
            return;
        }
        Checkpoints.State st = new Checkpoints.State(epoch, s.optimizer().steps(), Checkpoints.modelFile(epoch),
                Checkpoints.optimizerFile(epoch), s.recipe(), List.copyOf(history), wallSoFar);
        Checkpoints.save(dir, st, annotate(wallSoFar), s.optimizer().state());
    }

    private ModelProto annotate(double wall) {
        return TrainingRecord.annotate(s.model(), s.net().weights(), o, s.recipe(), history, wall, s.threads(),
                s.modelSource());
    }

    private Map<String, Double> perClass(ConfusionMatrix cm) {
        double[] iou = cm.iou();
        Map<String, Double> m = new LinkedHashMap<>();
        List<String> names = s.meta().classes();
        for (int c = 0; c < iou.length; c++) {
            if (!Double.isNaN(iou[c])) {
                m.put(names.get(c), iou[c]);
            }
        }
        return m;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
