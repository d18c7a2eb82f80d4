package dev.edgenas.search;

import dev.edgenas.runtime.OrtInference;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.edgenas.data.VocDataset;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.models.space.SearchSpace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BnRecalibratorTest {
    @TempDir
    Path tmp;

    /**
     * With the calibration images as one batch, the recalibrated network in inference mode must compute exactly
     * what the training-mode network (every BN normalising with its batch statistics) computes on that batch:
     * this checks every layer's statistics, not just the first.
     */
    @Test
    void recalibratedInferenceEqualsTrainingModeOnTheCalibrationBatch() {
        Path modelFile = SearchFixture.model(tmp);
        ModelProto model = OnnxModels.read(modelFile);
        ModelMetadata meta = ModelMetadata.of(model, modelFile);
        EvalData calib = EvalData.load(VocDataset.open(SearchFixture.data(tmp), "train"), meta, 8);
        SearchSpace space = SearchSpace.of(model, modelFile);
        ModelProto sub = space.subnet(space.sample(new SplittableRandom(3)));
        ModelProto recal = BnRecalibrator.recalibrate(sub, calib);
        List<NodeProto> bns = sub.getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("BatchNormalization")).toList();
        ModelProto train = BnRecalibrator.trainMode(sub, bns, new ArrayList<>());
        float[] a = logits(recal, calib);
        float[] b = logits(train, calib);
        float[] before = logits(sub, calib);
        double diff = maxDiff(a, b);
        assertTrue(diff < 1e-3, "recalibrated vs train mode: " + diff);
        assertTrue(maxDiff(before, b) > 10 * Math.max(diff, 1e-4), "recalibration should matter for a cut network");
    }

    private static float[] logits(ModelProto m, EvalData d) {
        try (OrtInference r = OrtInference.of(m, CandidateEvaluator.SCORING)) {
            return r.first(d.batch(0, d.count()), new long[] {d.count(), 3, d.height(), d.width()});
        }
    }

    private static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
