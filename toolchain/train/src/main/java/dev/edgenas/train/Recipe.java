package dev.edgenas.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options that determine what a run computes (not where it writes or how many threads it
 * uses): stored in the trained model's metadata and compared on resume.
 */
final class Recipe {
    private Recipe() {
    }

    static Map<String, Object> of(TrainOptions o, String modelSha256, String teacherSha256, float[] classWeights) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", "sha256:" + modelSha256);
        r.put("data", o.data.toAbsolutePath().normalize().toString());
        r.put("trainSplit", o.trainSplit);
        r.put("valSplit", o.valSplit);
        r.put("trainLimit", o.trainLimit);
        r.put("epochs", o.epochs);
        r.put("batch", o.batch);
        r.put("optimizer", o.optimizer.name().toLowerCase());
        r.put("lr", o.lr);
        r.put("weightDecay", o.weightDecay);
        if (o.optimizer == TrainOptions.OptimizerKind.SGD) {
            r.put("momentum", o.momentum);
        }
        r.put("warmupEpochs", o.warmupEpochs);
        r.put("schedule", o.schedule.name().toLowerCase());
        if (o.schedule == TrainOptions.Schedule.POLY) {
            r.put("polyPower", o.polyPower);
        }
        r.put("flip", o.flip);
        r.put("scaleMin", o.scaleMin);
        r.put("scaleMax", o.scaleMax);
        r.put("colorJitter", o.colorJitter);
        r.put("seed", o.seed);
        r.put("loss", "cross-entropy (ignore 255)" + (teacherSha256 == null ? "" : " + kd"));
        // only when on, so recipes (and checkpoints) made before these options existed still match
        if (classWeights != null) {
            r.put("classWeights", o.classWeights.name().toLowerCase().replace('_', '-'));
            java.util.List<Double> w = new java.util.ArrayList<>();
            for (float f : classWeights) {
                w.add(Math.round(f * 1e4) / 1e4);
            }
            r.put("classWeightValues", w);
        }
        if (o.ohemFraction > 0) {
            r.put("ohemFraction", o.ohemFraction);
        }
        if (teacherSha256 != null) {
            r.put("teacher", "sha256:" + teacherSha256);
            r.put("kdWeight", o.kdWeight);
            r.put("kdTemperature", o.kdTemperature);
        }
        return r;
    }
}
