package dev.edgenas.train.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.ir.Attrs;
import dev.edgenas.ir.FloatDiffs;
import dev.edgenas.ir.GraphBuilder;
import dev.edgenas.ir.OnnxChecker;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.models.DeepLabConfigs;
import dev.edgenas.models.DeepLabV3PlusBuilder;
import dev.edgenas.train.OrtReference;
import dev.edgenas.train.ParameterOptimizer;
import dev.edgenas.train.SegmentationLoss;
import dev.edgenas.train.TestModels;
import dev.edgenas.train.TorchRuntime;
import dev.edgenas.train.TrainOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trained weights and BatchNorm statistics written back into the ONNX graph reproduce DJL's inference in ORT. */
class WriteBackTest {
    @TempDir
    Path dir;

    @Test
    void trainedTinyDeepLabRunsTheSameInOnnxRuntime() {
        ModelProto model = DeepLabV3PlusBuilder.build(DeepLabConfigs.tiny(), 9);
        long[] shape = {2, 3, 64, 64};
        float[] x = OrtReference.random(4, 2 * 3 * 64 * 64, 2f);
        long[] labels = new SplittableRandom(1).longs(2 * 64 * 64, 0, 7).toArray();
        try (NDManager root = TorchRuntime.newManager(2); OnnxNetwork net = OnnxNetwork.of(model, null, root);
             ParameterOptimizer opt = new ParameterOptimizer(new TrainOptions(), net.trainableParameters(), root)) {
            for (int step = 0; step < 3; step++) {
                try (NDManager m = root.newSubManager();
                     GradientCollector gc = Engine.getEngine(TorchRuntime.ENGINE).newGradientCollector()) {
                    NDArray logits = net.forward(m.create(x, new Shape(shape)), true);
                    gc.backward(SegmentationLoss.crossEntropy(logits, m.create(labels, new Shape(2, 64, 64)), 255));
                }
                opt.step(1e-2);
            }
            String mean = "aspp.conv1x1.bn.mean";
            assertTrue(net.runningStatistics().containsKey(mean), net.runningStatistics().keySet().toString());
            assertTrue(net.runningStatistics().get(mean).abs().sum().getFloat() > 0, "BN running mean was updated");

            Path file = dir.resolve("trained.onnx");
            ModelProto trained = WeightWriteBack.apply(model, net.weights());
            OnnxModels.write(trained, file);
            OnnxChecker.check(file);
            assertEquals(model.getGraph().getNodeList(), trained.getGraph().getNodeList());
            assertEquals(model.getMetadataPropsList(), trained.getMetadataPropsList());
            float[] expected = OrtReference.run(file, "input", x, shape);
            try (NDManager m = root.newSubManager()) {
                float[] actual = net.forward(m.create(x, new Shape(shape)), false).toFloatArray();
                double diff = FloatDiffs.maxAbsDiff(expected, actual);
                assertTrue(diff < 1e-4, "max |DJL - ORT| after write-back = " + diff);
            }
        }
    }

    /** ONNX momentum semantics: running = momentum * running + (1 - momentum) * batch statistic. */
    @Test
    void batchNormTrainingModeUpdatesRunningStatistics() {
        GraphBuilder g = new GraphBuilder("bn");
        g.input("x", -1, 2, 3, 3);
        g.node("BatchNormalization", "bn", List.of("x", g.floats("s", new long[] {2}, new float[] {1, 1}),
                g.floats("b", new long[] {2}, new float[] {0, 0}), g.floats("m", new long[] {2}, new float[] {1, -1}),
                g.floats("v", new long[] {2}, new float[] {2, 3})), Attrs.f("momentum", 0.8f));
        g.output("bn");
        ModelProto model = TestModels.withInferredOutputShapes(g.build());
        float[] x = OrtReference.random(8, 4 * 2 * 9, 3f);
        try (NDManager root = TorchRuntime.newManager(1); OnnxNetwork net = OnnxNetwork.of(model, null, root);
             NDManager m = root.newSubManager()) {
            net.forward(m.create(x, new Shape(4, 2, 3, 3)), true);
            float[] mean = net.runningStatistics().get("m").toFloatArray();
            float[] var = net.runningStatistics().get("v").toFloatArray();
            float[] old = {1, -1};
            float[] oldVar = {2, 3};
            for (int c = 0; c < 2; c++) {
                double sum = 0;
                double sq = 0;
                int n = 0;
                for (int b = 0; b < 4; b++) {
                    for (int p = 0; p < 9; p++) {
                        double v = x[(b * 2 + c) * 9 + p];
                        sum += v;
                        sq += v * v;
                        n++;
                    }
                }
                double mu = sum / n;
                double unbiased = (sq - n * mu * mu) / (n - 1);
                assertEquals(0.8 * old[c] + 0.2 * mu, mean[c], 1e-5, "running mean, channel " + c);
                assertEquals(0.8 * oldVar[c] + 0.2 * unbiased, var[c], 1e-4, "running var, channel " + c);
            }
            assertArrayEquals(new float[] {1, 1}, net.trainableParameters().get("s").toFloatArray());
        }
    }
}
