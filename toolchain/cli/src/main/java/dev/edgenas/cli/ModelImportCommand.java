package dev.edgenas.cli;

import dev.edgenas.core.Json;
import dev.edgenas.core.Provenance;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.ir.imports.ExportNormaliser;
import dev.edgenas.ir.imports.ImportOptions;
import dev.edgenas.ir.imports.ImportReport;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Make a raw ONNX export (torch.onnx.export, torchvision) an edgenas model: preprocessing "
                + "metadata, symbolic batch, exporter shape chains folded, Constant nodes as initializers, "
                + "Identity/Dropout dropped. Prints what it changed.",
        footer = {"%nExamples:", "  edgenas model import --model exported.onnx --out m.onnx",
            "  edgenas model import --model exported.onnx --out m.onnx --classes bg,person,cat,dog,car,tree,sky "
                    + "--mean 0.485,0.456,0.406 --std 0.229,0.224,0.225 --json"})
final class ModelImportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--model", required = true, description = "ONNX file as exported (e.g. by torch.onnx.export).")
    Path model;

    @Option(names = "--out", required = true, description = "Where to write the edgenas model.")
    Path out;

    @Option(names = "--classes", split = ",", paramLabel = "NAME",
            description = "Class names, comma-separated, index = label id (default class0..classN-1 from the output's channels).")
    List<String> classes;

    @Option(names = "--mean", split = ",", paramLabel = "M", arity = "1",
            description = "Per-channel mean subtracted from x/255 (3 values; default ImageNet 0.485,0.456,0.406).")
    float[] mean;

    @Option(names = "--std", split = ",", paramLabel = "S", arity = "1",
            description = "Per-channel std dividing after the mean (3 values; default ImageNet 0.229,0.224,0.225).")
    float[] std;

    @Option(names = "--input-size", paramLabel = "HxW", converter = InputSize.Converter.class,
            description = "Input height and width (default: the export's own; required when it is symbolic).")
    InputSize inputSize;

    @Option(names = "--force", description = "Replace --out even when it is not a model edgenas wrote.")
    boolean force;

    @Override
    public Integer call() {
        ImportOptions o = RawExports.options(common, classes, mean, std, inputSize);
        OutGuard.model(out, force, "--out");
        var raw = OnnxModels.read(model);
        ImportReport r = ExportNormaliser.normalise(raw, model, o);
        var m = ModelMetadata.withProperty(r.model(), ModelMetadata.PROVENANCE_KEY, Json.write(
                Provenance.now(Map.of("model", model), null, null)).replaceAll("\\s*\\n\\s*", " "));
        OnnxModels.write(m, out);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("model", model.toString());
        j.put("out", out.toString());
        j.put("nodesBefore", raw.getGraph().getNodeCount());
        j.put("nodesAfter", m.getGraph().getNodeCount());
        j.put("changes", r.changes());
        j.put("defaulted", r.defaulted());
        j.put("metadata", r.metadata());
        common.print(j, String.format("wrote %s from %s (%d -> %d nodes): %s", out, model,
                raw.getGraph().getNodeCount(), m.getGraph().getNodeCount(), r.summary())
                + (r.defaulted().isEmpty() ? "" : "%nnote: give --classes/--mean/--std if the defaults are wrong".formatted())
                + String.format("%n  input %s %dx%d, output %s, %d classes, mean %s, std %s", r.metadata().inputName(),
                r.metadata().height(), r.metadata().width(), r.metadata().outputName(), r.metadata().numClasses(),
                Arrays.toString(r.metadata().mean()), Arrays.toString(r.metadata().std())));
        return 0;
    }
}
