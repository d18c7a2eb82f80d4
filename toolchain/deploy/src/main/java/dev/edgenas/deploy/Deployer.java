package dev.edgenas.deploy;

import dev.edgenas.core.BadInputException;
import dev.edgenas.core.Json;
import dev.edgenas.data.VocDataset;
import dev.edgenas.deploy.bundle.AndroidBundle;
import dev.edgenas.deploy.bundle.BundleFiles;
import dev.edgenas.deploy.bundle.BundleFolder;
import dev.edgenas.deploy.quant.QuantizedModel;
import dev.edgenas.deploy.quant.Quantizer;
import dev.edgenas.deploy.verify.FloatIslandCost;
import dev.edgenas.deploy.verify.LatencyComparison;
import dev.edgenas.deploy.verify.OrtKernelCheck;
import dev.edgenas.ir.ClassCheck;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.runtime.EvalResult;
import dev.edgenas.runtime.Evaluator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * edgenas deploy: quantise an fp32 model to int8 (QDQ), verify it against the fp32 model (mIoU on
 * the validation split, latency in ONNX Runtime on this CPU, which kernels ORT runs, predicted
 * latency on a table) and write a bundle for the target with a manifest of checksums.
 */
public final class Deployer {
    /** Same as {@link BundleFiles#MODEL_FILE} (kept for callers outside the bundle package). */
    public static final String MODEL_FILE = BundleFiles.MODEL_FILE;
    /** Same as {@link BundleFiles#REPORT_FILE}. */
    public static final String REPORT_FILE = BundleFiles.REPORT_FILE;

    private Deployer() {
    }

    public static DeployReport deploy(DeployOptions o) {
        return deploy(o, new DeployListener() {
        });
    }

    public static DeployReport deploy(DeployOptions o, DeployListener listener) {
        o.validate();
        // every input is checked before the first long step or write: model, datasets, classes, table, --out
        Graph fp32 = Graph.read(o.model);
        ModelMetadata meta = ModelMetadata.of(fp32.model(), o.model);
        Quantizer.plan(fp32); // an unsupported node fails here, before any calibration work
        VocDataset calibSet = VocDataset.open(o.data, o.calibSplit);
        VocDataset valSet = VocDataset.open(o.data, o.valSplit);
        if (valSet.size() == 0) {
            throw BadInputException.at(o.data, "split " + o.valSplit, "no validation images");
        }
        ClassCheck.check(fp32, meta, valSet.numClasses(), o.data.resolve("dataset.json"));
        valSet.validate(o.valImages); // the images compared after quantising, checked before it
        DeployLatency.Checked table = o.latencyTable == null ? null : DeployLatency.check(o.latencyTable, o.target);
        if (table != null) {
            table.warnings().forEach(w -> System.err.println("edgenas: warning: " + w));
        }
        BundleFolder.check(o.out);

        Path staging = BundleFolder.stage(o.out);
        try {
            DeployReport report = build(o, listener, fp32, meta, calibSet, valSet, table, staging);
            BundleFolder.commit(staging, o.out);
            return report;
        } catch (RuntimeException | Error e) {
            BundleFolder.discard(staging);
            throw e;
        }
    }

    /** Writes the whole bundle, manifest last, into {@code dir} (the staging folder). */
    private static DeployReport build(DeployOptions o, DeployListener listener, Graph fp32, ModelMetadata meta,
                                      VocDataset calibSet, VocDataset valSet, DeployLatency.Checked table, Path dir) {
        List<float[]> calib = InputImages.calibration(calibSet, meta, o.calibImages, o.seed);
        listener.stage("calibrate", 2 * calib.size());
        QuantizedModel q = Quantizer.quantize(fp32, calib, InputImages.shape(meta), o.quantOptions(), o.ort,
                listener::progress);
        Path int8File = dir.resolve(MODEL_FILE);
        OnnxModels.write(q.model(), int8File);

        int n = o.valImages > 0 ? Math.min(o.valImages, valSet.size()) : valSet.size();
        listener.stage("eval fp32", n);
        EvalResult e32 = Evaluator.evaluate(o.model, valSet, n, o.evalBatch, o.ort, listener::progress);
        listener.stage("eval int8", n);
        EvalResult e8 = Evaluator.evaluate(int8File, valSet, n, o.evalBatch, o.ort, listener::progress);
        listener.stage("latency", 0);
        LatencyComparison lat = LatencyComparison.measure(o.model, int8File, o.ort, o.warmup, o.runs);
        OrtKernelCheck kernels = OrtKernelCheck.inspect(int8File, o.ort);
        float[] sample = InputImages.image(valSet, meta, 0);
        FloatIslandCost islands = FloatIslandCost.measure(int8File, sample, InputImages.shape(meta), o.ort,
                Math.max(5, o.runs / 2));
        DeployReport.Predicted predicted = table == null ? null : DeployLatency.of(table, fp32);

        DeployReport.Gap8Checks gap8 = null;
        switch (o.target) {
            case CPU -> {
            }
            case ANDROID -> AndroidBundle.write(dir, o.model);
            case GAP8 -> {
                listener.stage("gap8 project", 0);
                List<float[]> images = new java.util.ArrayList<>();
                for (int i = 0; i < Math.min(o.gap8Images, valSet.size()); i++) {
                    images.add(i == 0 ? sample : InputImages.image(valSet, meta, i));
                }
                gap8 = Gap8Bundle.write(dir, q, o.model, images, calib, meta, o,
                        predicted == null ? null : predicted.ms());
            }
        }
        double drop = 100 * (e32.miou() - e8.miou());
        Map<String, Boolean> met = new LinkedHashMap<>();
        met.put("miouDrop<=1", drop <= 1.0);
        if (o.target == Target.CPU) {
            // the x86 latency target concerns the cpu bundle; android/gap8 models are S8S8, not ORT's x86 fast path
            met.put("latencyRatio<=0.6", lat.ratio() <= 0.6);
        }
        DeployReport report = new DeployReport(o.target.id(), o.out.toString(), MODEL_FILE,
                o.activationType().name().toLowerCase(), q.options().method().name().toLowerCase()
                        + (q.options().method() == dev.edgenas.deploy.quant.CalibrationMethod.PERCENTILE
                        ? " " + q.options().percentile() : ""),
                q.calibrationImages(), n, e32.miou(), e8.miou(), drop, lat, kernels, islands, predicted, gap8, met);
        Json.writeFile(dir.resolve(REPORT_FILE), report);
        BundleManifest.write(dir, o, meta, q, report);
        return report;
    }
}
