package dev.edgenas.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.core.BadInputException;
import dev.edgenas.ir.OnnxModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one inference path: file and in-memory sessions agree, reused staging buffers never leak between calls. */
class OrtInferenceTest {
    static final Path MODEL = Path.of("../../models/deeplabv3plus-portrait.onnx");

    static float[] images(int n, long seed) {
        float[] x = new float[n * 3 * 128 * 128];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    @Test
    void fileAndMemorySessionsGiveTheSameLogitsAndBatchesAreIndependent() {
        float[] two = images(2, 1);
        float[] one = java.util.Arrays.copyOf(two, 3 * 128 * 128);
        ModelProto m = OnnxModels.read(MODEL);
        try (OrtInference a = OrtInference.open(MODEL, new OrtSettings(1, "ALL_OPT"));
             OrtInference b = OrtInference.of(m, new OrtSettings(2, "ALL_OPT"))) {
            float[] ya = a.first(two, new long[] {2, 3, 128, 128});
            assertEquals(2 * 7 * 128 * 128, ya.length);
            float[] yb = b.run(Map.of(b.inputName(), new FloatTensor(two, new long[] {2, 3, 128, 128})),
                    List.of(b.outputName())).get(b.outputName()).data();
            for (int i = 0; i < ya.length; i++) {
                assertEquals(ya[i], yb[i], 1e-3, "logit " + i);
            }
            // a smaller batch after a larger one reuses the staging buffer: only its own image may count
            float[] y1 = a.first(one, new long[] {1, 3, 128, 128});
            assertArrayEquals(java.util.Arrays.copyOf(ya, y1.length), y1, 1e-4f);
            float[] other = a.first(images(1, 2), new long[] {1, 3, 128, 128});
            assertNotEquals(y1[0], other[0]);
        }
    }

    @Test
    void aFileOnnxRuntimeCannotLoadIsBadInputNamingIt(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("broken.onnx");
        Files.writeString(bad, "not a model");
        BadInputException e = assertThrows(BadInputException.class,
                () -> OrtInference.open(bad, OrtSettings.withThreads(1)));
        assertTrue(e.getMessage().contains("broken.onnx"), e.getMessage());
    }
}
