package dev.edgenas.deploy.gap8;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.deploy.Target;
import dev.edgenas.deploy.WholeNetworkRunner;
import dev.edgenas.deploy.quant.CalibrationMethod;
import dev.edgenas.deploy.quant.QuantOptions;
import dev.edgenas.deploy.quant.Quantizer;
import dev.edgenas.gap8.device.Gap8Sdk;
import dev.edgenas.ir.Graph;
import dev.edgenas.runtime.OrtSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A network whole on GVSOC's GAPuino, deployed exactly as {@code deploy --target gap8 --gvsoc} deploys it: the
 * deploy quantizer (uint8 activations, calibrated on two seeded random images: the cycles of integer code do not
 * depend on the ranges), {@link QdqReader}, the memory plan with the code size measured by the rv32imc compile,
 * the tiled project of {@link Gap8ProjectWriter}, one seeded random image (the code is data-independent: images
 * differ by under 0.01 %). No ONNX Runtime or host-build comparison: this times; deploy verifies.
 */
public final class Gap8GvsocRunner implements WholeNetworkRunner {
    static final double CLUSTER_HZ = 175e6;

    @Override
    public String name() {
        return "gap8-gvsoc";
    }

    @Override
    public boolean supports(String device, String platform) {
        return "gap8".equals(device) && "gvsoc".equals(platform);
    }

    @Override
    public String unavailable() {
        return GvsocRun.unavailable();
    }

    @Override
    public Map<String, String> facts() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("runner", "deploy --target gap8 tiled project on GVSOC (gapuino_v3), 1 image, cluster 175 MHz");
        f.put("latencySource", "GVSOC, GreenWaves' GAP8 simulator (gapuino_v3), running the deploy's tiled project");
        Gap8Sdk sdk = Gap8Sdk.locateGvsoc();
        if (sdk != null) {
            f.put("gapSdk", sdk.root().toString());
            f.put("gapSdkCommit", sdk.commit());
            f.put("compiler", sdk.compiler());
        }
        return f;
    }

    @Override
    public Result run(String name, ModelProto fp32, Path work) {
        ModelProto q = quantize(fp32);
        IntNetwork net = QdqReader.read(Graph.of(q, work.resolve("model-int8.onnx")));
        byte[] x = new byte[net.input().bytes()];
        new SplittableRandom(7).nextBytes(x);
        Path project = work.resolve("project");
        String title = name + " (" + net.input().shape() + " -> " + net.output().shape() + ")";
        List<String> sources = Gap8ProjectWriter.write(project, net, MemoryPlanner.plan(net, null), List.of(x), title);
        RiscvCheck rv = RiscvCheck.compile(project, sources);
        Gap8ProjectWriter.write(project, net, MemoryPlanner.plan(net, rv.codeBytes()), List.of(x), title);
        GvsocRun.Result g = GvsocRun.run(project, net.output(), 3600);
        HostRun.Image first = g.run().first();
        List<Long> lc = g.run().layerCycles();
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < lc.size() && i < net.layers().size(); i++) {
            layers.add(new Layer(net.layers().get(i).name(), lc.get(i)));
        }
        return new Result(first.cycles() / CLUSTER_HZ * 1e3, first.cycles(), layers, first.checksum(), g.wallSeconds());
    }

    /** The deploy quantizer for gap8, calibrated on two seeded Gaussian images. */
    static ModelProto quantize(ModelProto fp32) {
        QuantOptions opt = new QuantOptions(CalibrationMethod.MINMAX, 99.99, Target.GAP8.defaultActivations);
        return Quantizer.quantizeOnRandomImages(fp32, opt, OrtSettings.withThreads(1));
    }
}
