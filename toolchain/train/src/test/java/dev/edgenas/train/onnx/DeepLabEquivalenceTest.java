package dev.edgenas.train.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.ir.FloatDiffs;
import dev.edgenas.ir.OnnxChecker;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.models.DeepLabConfig;
import dev.edgenas.models.DeepLabConfigs;
import dev.edgenas.models.DeepLabV3PlusBuilder;
import dev.edgenas.train.OrtReference;
import dev.edgenas.train.TorchRuntime;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole DeepLabV3+ (tiny preset): DJL inference equals ONNX Runtime, before and after training mode ran. */
class DeepLabEquivalenceTest {
    @TempDir
    Path dir;

    @Test
    void tinyDeepLabMatchesOnnxRuntime() {
        DeepLabConfig cfg = DeepLabConfigs.tiny();
        ModelProto model = DeepLabV3PlusBuilder.build(cfg, 11);
        Path file = dir.resolve("tiny.onnx");
        OnnxModels.write(model, file);
        OnnxChecker.check(file);
        long[] shape = {2, 3, cfg.inputHeight(), cfg.inputWidth()};
        float[] x = OrtReference.random(5, (int) (2 * 3 * cfg.inputHeight() * cfg.inputWidth()), 2f);
        float[] expected = OrtReference.run(file, "input", x, shape);
        try (NDManager root = TorchRuntime.newManager(2); OnnxNetwork net = OnnxNetwork.load(file, root);
             NDManager step = root.newSubManager()) {
            NDArray y = net.forward(step.create(x, new Shape(shape)), false);
            assertEquals(new Shape(2, cfg.numClasses(), cfg.inputHeight(), cfg.inputWidth()), y.getShape());
            double diff = FloatDiffs.maxAbsDiff(expected, y.toFloatArray());
            assertTrue(diff < 1e-4, "max |DJL - ORT| = " + diff);
            assertTrue(net.parameterCount() > 10_000, "parameters: " + net.parameterCount());
        }
    }
}
