package dev.edgenas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.Json;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxChecker;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.ir.Tensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short real training runs of the tiny DeepLabV3+ on synthetic portraits. */
class TrainerTest {
    @TempDir
    static Path shared;
    static TinyFixture fx;
    @TempDir
    Path dir;

    @BeforeAll
    static void data() {
        fx = TinyFixture.create(shared, 8, 4);
    }

    @Test
    void lossFallsAndTrainedWeightsAreWrittenBack() {
        TrainOptions o = fx.options(dir.resolve("trained.onnx"));
        o.epochs = 6;
        o.trainLimit = 8;
        o.lr = 5e-3;
        o.warmupEpochs = 0;
        o.flip = false;
        o.scaleMin = o.scaleMax = 1;
        o.colorJitter = 0;
        List<Double> losses = new ArrayList<>();
        TrainResult r = Trainer.run(o, new TrainListener() {
            @Override
            public void onStep(int epoch, int step, double loss, double lr) {
                losses.add(loss);
            }
        });
        assertEquals(12, losses.size(), "2 steps of 4 images per epoch, 6 epochs");
        double first = (losses.get(0) + losses.get(1)) / 2;
        double last = (losses.get(10) + losses.get(11)) / 2;
        assertTrue(last < 0.7 * first, "loss should fall on a fixed handful of images: " + losses);
        assertEquals(6, r.epochs().size());
        assertTrue(r.finalMiou() > 0 && r.finalMiou() <= 1, "mIoU " + r.finalMiou());
        assertTrue(r.trainImagesPerSecond() > 0 && r.inferenceImagesPerSecond() > 0);

        OnnxChecker.check(r.output());
        ModelProto trained = OnnxModels.read(r.output());
        assertEquals(fx.proto().getGraph().getNodeList(), trained.getGraph().getNodeList(), "graph kept as is");
        assertEquals(fx.proto().getGraph().getInitializerCount(), trained.getGraph().getInitializerCount());
        var before = Tensors.toFloats(fx.proto().getGraph().getInitializer(0));
        var after = Tensors.toFloats(trained.getGraph().getInitializer(0));
        assertFalse(java.util.Arrays.equals(before, after), "weights changed");
        JsonNode rec = Json.readTreeString(ModelMetadata.property(trained, TrainingRecord.KEY).orElseThrow());
        assertEquals(6, rec.get("epochsCompleted").asInt());
        assertEquals(0.005, rec.get("recipe").get("lr").asDouble());
        assertEquals(6, rec.get("history").size());
        JsonNode prov = Json.readTreeString(ModelMetadata.property(trained, ModelMetadata.PROVENANCE_KEY).orElseThrow());
        // the nested provenance: this build, the inputs with checksums, the seed and the effective options
        var p = dev.edgenas.core.Provenance.read(prov);
        assertEquals(dev.edgenas.core.Provenance.currentTool(), p.tool());
        assertEquals("model", p.inputs().get(0).role());
        assertEquals(dev.edgenas.core.Checksums.sha256(Path.of(p.inputs().get(0).path())), p.inputs().get(0).sha256());
        assertEquals(fx.options(null).seed, p.run().seed());
        assertEquals("6", p.run().options().get("epochs"), prov.toString());
        ModelMetadata.of(trained, r.output()); // preprocessing metadata survives
    }

    @Test
    void fineTuningWithATeacherRecordsTheDistillationRecipe() {
        TrainOptions o = fx.options(null);
        o.epochs = 1;
        o.kdWeight = 0.5;
        o.kdTemperature = 3;
        Trainer.Outcome out = FineTuner.fineTune(fx.proto(), null, fx.model(), o, null);
        assertTrue(Double.isFinite(out.result().last().trainLoss()));
        assertEquals(null, out.result().output(), "nothing written without --out");
        JsonNode rec = Json.readTreeString(ModelMetadata.property(out.model(), TrainingRecord.KEY).orElseThrow());
        assertEquals(3.0, rec.get("recipe").get("kdTemperature").asDouble());
        assertTrue(rec.get("recipe").get("teacher").asText().startsWith("sha256:"));
        assertTrue(rec.get("recipe").get("loss").asText().contains("kd"));

        TrainOptions again = fx.options(null);
        again.epochs = 1;
        ModelProto twice = Trainer.train(out.model(), null, again, null).model();
        JsonNode second = Json.readTreeString(ModelMetadata.property(twice, TrainingRecord.KEY).orElseThrow());
        assertFalse(second.get("recipe").has("teacher"));
        assertEquals(rec, second.get("previous"), "the earlier training record is kept");
    }

    @Test
    void classWeightsAndHardPixelMiningAreRecordedAndChangeTheLoss() {
        TrainOptions plain = fx.options(null);
        plain.epochs = 1;
        plain.flip = false;
        plain.scaleMin = plain.scaleMax = 1;
        plain.colorJitter = 0;
        List<Double> plainLosses = new ArrayList<>();
        Trainer.Outcome a = Trainer.train(fx.proto(), null, plain, new TrainListener() {
            @Override
            public void onStep(int epoch, int step, double loss, double lr) {
                plainLosses.add(loss);
            }
        });
        TrainOptions o = plain.copy();
        o.classWeights = TrainOptions.ClassWeighting.SQRT_MEDIAN_FREQUENCY;
        o.ohemFraction = 0.25;
        List<Double> losses = new ArrayList<>();
        Trainer.Outcome b = Trainer.train(fx.proto(), null, o, new TrainListener() {
            @Override
            public void onStep(int epoch, int step, double loss, double lr) {
                losses.add(loss);
            }
        });
        // the same weights see the same first batch: mining the hardest quarter can only raise its mean loss
        assertTrue(losses.get(0) > plainLosses.get(0), losses + " vs " + plainLosses);
        JsonNode rec = Json.readTreeString(ModelMetadata.property(b.model(), TrainingRecord.KEY).orElseThrow());
        assertEquals("sqrt-median-frequency", rec.get("recipe").get("classWeights").asText());
        assertEquals(ModelMetadata.of(fx.proto(), null).numClasses(),
                rec.get("recipe").get("classWeightValues").size(), "one weight per class");
        assertEquals(0.25, rec.get("recipe").get("ohemFraction").asDouble());
        JsonNode plainRec = Json.readTreeString(ModelMetadata.property(a.model(), TrainingRecord.KEY).orElseThrow());
        assertFalse(plainRec.get("recipe").has("classWeights"), "absent when off: older recipes still match");
        assertFalse(plainRec.get("recipe").has("ohemFraction"));

        TrainOptions bad = fx.options(null);
        bad.ohemFraction = 1;
        dev.edgenas.core.EdgenasException u = assertThrows(dev.edgenas.core.EdgenasException.class,
                () -> Trainer.train(fx.proto(), null, bad, null));
        assertTrue(u.getMessage().contains("--ohem-fraction"), u.getMessage());
    }

    @Test
    void badOptionsNameTheOption() {
        TrainOptions o = fx.options(dir.resolve("x.onnx"));
        o.batch = 1;
        // a value that names a flag is a usage error (exit 2); a missing file is bad input (exit 3)
        dev.edgenas.core.EdgenasException u = assertThrows(dev.edgenas.core.EdgenasException.class, () -> Trainer.run(o, null));
        assertEquals(dev.edgenas.core.ExitCode.USAGE, u.exitCode());
        assertTrue(u.getMessage().contains("--batch"), u.getMessage());
        TrainOptions p = fx.options(dir.resolve("x.onnx"));
        p.data = dir.resolve("missing");
        BadInputException e = assertThrows(BadInputException.class, () -> Trainer.run(p, null));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }
}
