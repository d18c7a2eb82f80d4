package dev.edgenas.deploy;

import dev.edgenas.core.Json;
import dev.edgenas.core.Provenance;
import dev.edgenas.deploy.bundle.Manifest;
import dev.edgenas.deploy.quant.QParams;
import dev.edgenas.deploy.quant.QuantizedModel;
import dev.edgenas.ir.ModelMetadata;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a bundle's manifest.json ({@link Manifest}): the model and how to feed it (preprocessing,
 * class names), how it was quantised, what verification measured, provenance, and the SHA-256 of
 * every other file. Here, beside the options and report it reads, so the bundle package does not
 * import the deploy package back.
 */
final class BundleManifest {
    private BundleManifest() {
    }

    static void write(Path out, DeployOptions o, ModelMetadata meta, QuantizedModel q, DeployReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", Manifest.FORMAT);
        m.put("formatVersion", Manifest.VERSION);
        m.put("target", o.target.id());
        String in = meta.inputName();
        String outName = meta.outputName();
        m.put("model", Map.of("file", dev.edgenas.deploy.bundle.BundleFiles.MODEL_FILE, "format", "ONNX, QDQ int8 (opset "
                        + q.model().getOpsetImport(0).getVersion() + ")",
                "input", Map.of("name", in, "shape", List.of(1, 3, meta.height(), meta.width()), "type", "float32",
                        "layout", "NCHW", "batch", "any (symbolic)"),
                "output", Map.of("name", outName, "shape", List.of(1, meta.numClasses(), meta.height(), meta.width()),
                        "type", "float32", "meaning", "logits at input resolution; argmax over channels gives the class")));
        Map<String, Object> pre = new LinkedHashMap<>();
        pre.put("resize", "to " + meta.width() + "x" + meta.height() + ", bilinear (half-pixel centres)");
        pre.put("channelOrder", "RGB");
        pre.put("pixel", "x / 255, then (x - mean[c]) / std[c]");
        pre.put("mean", meta.mean());
        pre.put("std", meta.std());
        pre.put("layout", "NCHW float32");
        m.put("preprocessing", pre);
        m.put("classes", meta.classes());
        m.put("ignoreLabel", meta.ignoreLabel());
        m.put("quantization", quantization(o, q, in, outName));
        Map<String, Object> ver = new LinkedHashMap<>();
        ver.put("report", dev.edgenas.deploy.bundle.BundleFiles.REPORT_FILE);
        ver.put("fp32Miou", report.fp32Miou());
        ver.put("int8Miou", report.int8Miou());
        ver.put("miouDropPoints", report.miouDropPoints());
        ver.put("validationImages", report.valImages());
        ver.put("fp32LatencyMs", report.latency().fp32Ms());
        ver.put("int8LatencyMs", report.latency().int8Ms());
        ver.put("latencyRatio", report.latency().ratio());
        ver.put("ortOptimizedOps", report.ortKernels().opCounts());
        if (report.predicted() != null) {
            ver.put("predicted", report.predicted());
        }
        if (report.gap8() != null) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("hostRun", Map.of("checksum", String.valueOf(report.gap8().checksum()),
                    "argmaxAgreementWithOrt", String.valueOf(report.gap8().hostArgmaxAgreement())));
            g.put("memoryPlan", "memory-plan.json");
            ver.put("gap8", g);
        }
        m.put("verification", ver);
        Provenance.Builder prov = Provenance.builder().input("model", o.model);
        if (o.latencyTable != null) {
            prov.input("latencyTable", o.latencyTable);
        }
        // the bundle's device is its target; the latencies above were measured on this host's CPU and say so
        ver.put("latencyMeasuredOn", "cpu:" + dev.edgenas.core.HostInfo.cpuModel());
        m.put("provenance", prov.seed(o.seed).device(o.target.id()).optionsOf(o).build());
        m.put("files", Manifest.checksums(out));
        Json.writeFile(out.resolve(Manifest.FILE), m);
    }

    private static Map<String, Object> quantization(DeployOptions o, QuantizedModel q, String in, String out) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "QDQ (QuantizeLinear/DequantizeLinear around each int8 operator)");
        m.put("weights", "int8, symmetric, per output channel (zero point 0, range -127..127)");
        m.put("bias", "int32, scale = input scale x weight scale, zero point 0");
        m.put("activations", q.options().activations().name().toLowerCase() + ", asymmetric, per tensor");
        m.put("calibration", Map.of("method", q.options().method().name().toLowerCase(), "percentile",
                q.options().percentile(), "images", q.calibrationImages(), "split", o.calibSplit, "seed", o.seed));
        m.put("foldedBatchNorms", q.foldedBatchNorms());
        m.put("input", params(q.activations().get(in)));
        m.put("output", params(q.activations().get(out)));
        Map<String, Object> acts = new LinkedHashMap<>();
        q.activations().forEach((k, v) -> acts.put(k, params(v)));
        m.put("tensors", acts);
        m.put("weightScales", q.weightScales());
        return m;
    }

    private static Map<String, Object> params(QParams p) {
        if (p == null) {
            return Map.of();
        }
        return Map.of("scale", p.scale(), "zeroPoint", p.zeroPoint(), "type", p.type().name().toLowerCase());
    }

}
