package dev.edgenas.deploy;

import dev.edgenas.data.SyntheticPortraits;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.models.DeepLabConfigs;
import dev.edgenas.models.DeepLabV3PlusBuilder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test inputs: a small synthetic portrait dataset at 64x64 and the tiny DeepLabV3+ preset with seeded
 * random weights (accuracy is meaningless; int8 arithmetic, bundles and checks are what is tested).
 */
final class TinyFixtures {
    static final int SIZE = 64;

    private TinyFixtures() {
    }

    static Path dataset(Path dir) {
        Path data = dir.resolve("data");
        if (!Files.exists(data.resolve("dataset.json"))) {
            SyntheticPortraits.generate(data, 11, 16, 8, SIZE, 1);
        }
        return data;
    }

    static Path tinyModel(Path dir) {
        Path m = dir.resolve("tiny.onnx");
        if (!Files.exists(m)) {
            OnnxModels.write(DeepLabV3PlusBuilder.build(DeepLabConfigs.tiny(), 5), m);
        }
        return m;
    }

    static DeployOptions options(Path dir, Target target) {
        DeployOptions o = DeployOptions.of(tinyModel(dir), target, dir.resolve("bundle-" + target.id()), dataset(dir));
        o.calibImages = 8;
        o.warmup = 2;
        o.runs = 5;
        o.ort = dev.edgenas.runtime.OrtSettings.withThreads(2);
        return o;
    }
}
