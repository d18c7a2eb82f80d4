package dev.edgenas.train;

/**
 * Learning rate per optimizer step: linear warm-up from lr/100 to lr, then cosine or poly decay to
 * zero at the last step. A pure function of the step, so a resumed run continues the same curve.
 */
public record LearningRateSchedule(double peak, long warmupSteps, long totalSteps, TrainOptions.Schedule kind,
                                   double polyPower) {
    public static LearningRateSchedule of(TrainOptions o, int stepsPerEpoch) {
        long total = (long) o.epochs * stepsPerEpoch;
        long warmup = Math.min(total, Math.round(o.warmupEpochs * stepsPerEpoch));
        return new LearningRateSchedule(o.lr, warmup, total, o.schedule, o.polyPower);
    }

    /** The rate for step {@code step} (0-based). */
    public double at(long step) {
        if (step < warmupSteps) {
            double f = (step + 1) / (double) warmupSteps;
            return peak * (0.01 + 0.99 * f);
        }
        long decaySteps = Math.max(1, totalSteps - warmupSteps);
        double p = Math.min(1.0, (step - warmupSteps) / (double) decaySteps);
        return switch (kind) {
            case COSINE -> peak * 0.5 * (1 + Math.cos(Math.PI * p));
            case POLY -> peak * Math.pow(1 - p, polyPower);
        };
    }
}
