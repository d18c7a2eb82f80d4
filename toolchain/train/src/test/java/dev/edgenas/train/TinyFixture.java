package dev.edgenas.train;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.data.SyntheticPortraits;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.models.DeepLabConfigs;
import dev.edgenas.models.DeepLabV3PlusBuilder;
import java.nio.file.Path;

/** A tiny DeepLabV3+ (64x64) and a handful of synthetic portraits at the same size, for quick runs. */
public record TinyFixture(Path model, Path data, ModelProto proto) {
    public static TinyFixture create(Path dir, int train, int val) {
        ModelProto m = DeepLabV3PlusBuilder.build(DeepLabConfigs.tiny(), 3);
        Path model = dir.resolve("tiny.onnx");
        OnnxModels.write(m, model);
        Path data = dir.resolve("synth");
        SyntheticPortraits.generate(data, 7, train, val, 64, 1);
        return new TinyFixture(model, data, m);
    }

    /** Options for a short deterministic run: one thread, no progress bar. */
    public TrainOptions options(Path out) {
        TrainOptions o = new TrainOptions();
        o.model = model;
        o.data = data;
        o.out = out;
        o.batch = 4;
        o.threads = 1;
        o.progress = false;
        o.seed = 5;
        return o;
    }
}
