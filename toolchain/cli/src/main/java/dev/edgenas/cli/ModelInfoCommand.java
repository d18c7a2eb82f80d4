package dev.edgenas.cli;

import dev.edgenas.ir.Graph;
import dev.edgenas.ir.GraphCost;
import dev.edgenas.ir.Kernel;
import dev.edgenas.ir.KernelDetector;
import dev.edgenas.ir.ShapeInference;
import dev.edgenas.ir.TensorInfo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show an ONNX model's MACs, parameters and the fused kernels a runtime executes.",
        footer = {"%nExamples:", "  edgenas model info --model models/deeplabv3plus-portrait.onnx",
            "  edgenas model info --model m.onnx --kernels --json"})
final class ModelInfoCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--model", required = true, description = "ONNX model file.")
    Path model;

    @Mixin
    ShapeOptions shape;

    @Option(names = "--kernels", description = "List every kernel with its canonical key.")
    boolean kernels;

    @Override
    public Integer call() {
        Graph g = shape.read(model);
        Map<String, TensorInfo> shapes = ShapeInference.infer(g, shape.batch);
        GraphCost cost = GraphCost.of(g, shapes);
        List<Kernel> ks = KernelDetector.detect(g, shapes);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", model.toString());
        r.put("nodes", g.nodes().size());
        r.put("macs", cost.macs());
        r.put("elementOps", cost.elementOps());
        r.put("params", cost.params());
        r.put("kernelCount", ks.size());
        if (kernels) {
            r.put("kernels", ks.stream().map(k -> Map.of("name", k.name(), "key", k.key().canonical(),
                    "macs", k.macs(), "params", k.params(), "bytes", k.bytes())).toList());
        }
        StringBuilder sb = new StringBuilder(String.format("%s: %d nodes, %d kernels, %.2f M MACs, %.3f M params (batch %d)",
                model, g.nodes().size(), ks.size(), cost.macs() / 1e6, cost.params() / 1e6, shape.batch));
        if (kernels) {
            for (Kernel k : ks) {
                sb.append(String.format("%n  %-40s %10d MACs  %s", k.name(), k.macs(), k.key().canonical()));
            }
        }
        common.print(r, sb.toString());
        return 0;
    }
}
