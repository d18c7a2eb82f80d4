package dev.edgenas.search;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.edgenas.data.SyntheticPortraits;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.ir.Tensors;
import dev.edgenas.models.DeepLabConfigs;
import dev.edgenas.models.DeepLabV3PlusBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A tiny DeepLabV3+ with non-trivial BatchNorm statistics and a small synthetic portrait dataset. */
final class SearchFixture {
    private SearchFixture() {
    }

    /** Options of a small run on the fixture model and data in {@code dir}, writing to {@code out}. */
    static SearchOptions options(Path dir, Path out) {
        SearchOptions o = new SearchOptions();
        o.model = model(dir);
        o.data = data(dir);
        o.out = out;
        o.valSubset = 4;
        o.calibImages = 4;
        o.threads = 2;
        o.progress = false;
        return o;
    }

    static Path model(Path dir) {
        ModelProto m = DeepLabV3PlusBuilder.build(DeepLabConfigs.tiny(), 3);
        Random r = new Random(4);
        ModelProto.Builder b = m.toBuilder();
        var g = b.getGraphBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto t = g.getInitializer(i);
            if (!t.getName().contains(".bn.")) {
                continue;
            }
            float[] v = Tensors.toFloats(t);
            for (int k = 0; k < v.length; k++) {
                v[k] = t.getName().endsWith(".scale") || t.getName().endsWith(".var")
                        ? (float) (0.5 + r.nextDouble()) : (float) (0.2 * r.nextGaussian());
            }
            g.setInitializer(i, Tensors.floats(t.getName(), Tensors.dims(t), v));
        }
        Path f = dir.resolve("tiny.onnx");
        OnnxModels.write(b.build(), f);
        return f;
    }

    static Path data(Path dir) {
        Path d = dir.resolve("data");
        if (!Files.exists(d)) {
            SyntheticPortraits.generate(d, 5, 8, 8, 64);
        }
        return d;
    }
}
