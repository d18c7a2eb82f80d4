package dev.edgenas.profile;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.Kernel;
import dev.edgenas.ir.KernelDetector;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.models.DeepLabConfigs;
import dev.edgenas.models.DeepLabV3PlusBuilder;
import dev.edgenas.models.space.SearchSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Where the kernels to profile and the networks to validate on come from. */
public final class SpaceSource {
    /** The pretrained model the default search space is cut from. */
    public static final Path DEFAULT_PRETRAINED = Path.of("models", "deeplabv3plus-portrait.onnx");

    private SpaceSource() {
    }

    /**
     * The search space of {@code --space NAME}: "default" is the space of
     * {@value #DEFAULT_PRETRAINED_TEXT}, else NAME is a pretrained DeepLabV3+ ONNX file. Latency
     * depends on shapes only, not weights, so when the default pretrained model is not there (not
     * trained yet) the default architecture is built with seeded weights; {@code note} says so.
     */
    public static SearchSpace space(String name, Consumer<String> note) {
        if (!name.equals("default")) {
            Path p = Path.of(name);
            return SearchSpace.of(OnnxModels.read(p), p);
        }
        if (Files.isRegularFile(DEFAULT_PRETRAINED)) {
            return SearchSpace.of(OnnxModels.read(DEFAULT_PRETRAINED), DEFAULT_PRETRAINED);
        }
        note.accept(DEFAULT_PRETRAINED + " not found: using the default architecture (DeepLabConfigs.defaultConfig) "
                + "with seeded weights; latency depends on shapes only");
        return SearchSpace.of(defaultModel(), null);
    }

    static final String DEFAULT_PRETRAINED_TEXT = "models/deeplabv3plus-portrait.onnx";

    public static ModelProto defaultModel() {
        return DeepLabV3PlusBuilder.build(DeepLabConfigs.defaultConfig(), 0);
    }

    /** Distinct kernel keys of the given models at batch 1, in the given precision, sorted. */
    /**
     * The files a table's keys come from, by role, for its provenance: the --model files, or the space's model
     * (a named file, or the default pretrained model where it exists; the seeded default architecture has none).
     */
    public static java.util.Map<String, Path> inputs(List<Path> models, String space) {
        java.util.Map<String, Path> m = new java.util.LinkedHashMap<>();
        if (models != null) {
            for (int i = 0; i < models.size(); i++) {
                m.put("model" + i, models.get(i));
            }
        } else if (space != null) {
            Path p = space.equals("default") ? DEFAULT_PRETRAINED : Path.of(space);
            if (Files.isRegularFile(p)) {
                m.put("space", p);
            }
        }
        return m;
    }

    public static List<KernelKey> kernelsOf(List<Path> models, String precision) {
        TreeMap<String, KernelKey> keys = new TreeMap<>();
        for (Path m : models) {
            for (Kernel k : KernelDetector.detect(Graph.read(m), 1)) {
                KernelKey key = k.key().withPrecision(precision);
                keys.put(key.canonical(), key);
            }
        }
        return List.copyOf(keys.values());
    }

    public static List<KernelKey> kernelsOf(SearchSpace space, String precision) {
        Set<KernelKey> keys = space.enumerateKernels(1, precision);
        TreeMap<String, KernelKey> sorted = new TreeMap<>();
        keys.forEach(k -> sorted.put(k.canonical(), k));
        return List.copyOf(sorted.values());
    }
}
