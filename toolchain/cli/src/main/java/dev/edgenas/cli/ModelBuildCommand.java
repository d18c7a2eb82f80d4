package dev.edgenas.cli;

import dev.edgenas.core.Json;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.GraphCost;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.models.DeepLabConfig;
import dev.edgenas.models.DeepLabConfigs;
import dev.edgenas.models.DeepLabV3PlusBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Write a DeepLabV3+ (MobileNetV2 backbone) as ONNX, randomly initialised from a seed.",
        footer = {"%nExamples:", "  edgenas model build --preset default --out work/deeplab.onnx",
            "  edgenas model build --config my-config.json --out big.onnx --seed 3",
            "  edgenas model build --preset tiny --print-config > tiny.json"})
final class ModelBuildCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--preset", defaultValue = "default", description = "Preset: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).",
            completionCandidates = Presets.class)
    String preset;

    @Option(names = "--config", description = "Architecture config JSON (overrides --preset).")
    Path config;

    @Option(names = "--out", description = "Output .onnx file.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Weight initialisation seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--print-config", description = "Print the config JSON and exit.")
    boolean printConfig;

    @Option(names = "--force", description = "Replace --out even when it is not a model edgenas wrote.")
    boolean force;

    @Override
    public Integer call() {
        if (config == null && !DeepLabConfigs.names().contains(preset)) {
            throw new picocli.CommandLine.ParameterException(common.spec.commandLine(), "Invalid value for option "
                    + "'--preset': '" + preset + "' (expected one of " + DeepLabConfigs.names() + ")");
        }
        DeepLabConfig cfg = config != null ? DeepLabConfig.read(config) : DeepLabConfigs.preset(preset);
        if (printConfig) {
            common.out().println(Json.write(cfg));
            return 0;
        }
        if (out == null) {
            throw new picocli.CommandLine.ParameterException(common.spec.commandLine(), "Missing required option: '--out'");
        }
        OutGuard.model(out, force, "--out");
        var model = DeepLabV3PlusBuilder.build(cfg, seed);
        OnnxModels.write(model, out);
        GraphCost cost = GraphCost.of(Graph.of(model, out), 1);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("out", out.toString());
        r.put("macs", cost.macs());
        r.put("params", cost.params());
        common.print(r, String.format("wrote %s: %.1f M MACs, %.3f M params at %dx%d", out, cost.macs() / 1e6,
                cost.params() / 1e6, cfg.inputHeight(), cfg.inputWidth()));
        return 0;
    }

    static final class Presets implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return DeepLabConfigs.names().iterator();
        }
    }
}
