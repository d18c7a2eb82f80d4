package dev.edgenas.cli;

import dev.edgenas.deploy.DeployListener;
import dev.edgenas.deploy.DeployOptions;
import dev.edgenas.deploy.DeployReport;
import dev.edgenas.deploy.Deployer;
import dev.edgenas.deploy.Target;
import dev.edgenas.deploy.quant.ActivationType;
import dev.edgenas.deploy.quant.CalibrationMethod;
import dev.edgenas.runtime.OrtSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "deploy", mixinStandardHelpOptions = true, defaultValueProvider = OptionDefaults.Deploy.class,
        description = {"Quantise a model to int8 (QDQ, post-training static), verify it against the fp32 model "
                + "(mIoU on the validation split, ONNX Runtime latency on this CPU, predicted latency on a table) "
                + "and write a bundle for the target with a manifest of checksums.",
            "Targets: cpu (int8 ONNX model), android (+ agent and run-on-phone.sh), gap8 (GAP SDK C project with "
                + "edgenas' int8 kernels, verified on the host; memory plan; NNTool script)."},
        footer = {"%nExamples:",
            "  edgenas deploy --model models/deeplabv3plus-portrait.onnx --data work/data --target cpu --out work/deploy/cpu",
            "  edgenas deploy --model m.onnx --data work/data --target gap8 --out work/deploy/gap8 --calib-method entropy",
            "  edgenas deploy --model m.onnx --data work/data --target android --out work/deploy/android "
                + "--latency-table latency-tables/phone.json"})
final class DeployCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--model", description = "fp32 ONNX model written by edgenas (default: the last search's pick, "
            + "from work/search/pareto.json).")
    Path model;

    @Option(names = "--target", required = true, description = "cpu, android or gap8.")
    String target;

    @Option(names = "--out", description = "Bundle folder (new, empty, or a previous bundle to replace; default "
            + "work/deploy/TARGET).")
    Path out;

    @Option(names = "--data", description = "Dataset root (VOC layout): calibration and validation images (default "
            + "work/data, where 'edgenas data synth' writes).")
    Path data;

    @Option(names = "--calib-images", description = "Calibration images from the training split (default ${DEFAULT-VALUE}).")
    int calibImages;

    @Option(names = "--calib-method",
            description = "Activation range: minmax, percentile or entropy (default ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--percentile", description = "For --calib-method percentile (default ${DEFAULT-VALUE}).")
    double percentile;

    @Option(names = "--activations", description = "int8 or uint8 (default: uint8 for cpu and gap8, int8 for android; gap8's C shifts uint8 to int8 exactly).")
    String activations;

    @Option(names = "--calib-split", description = "Split to calibrate on (default ${DEFAULT-VALUE}).")
    String calibSplit;

    @Option(names = "--split", description = "Split for the mIoU comparison (default ${DEFAULT-VALUE}).")
    String valSplit;

    @Option(names = "--val-images", description = "Validation images to compare on (0 = all).")
    int valImages;

    @Option(names = "--latency-table", description = "Latency table of the target device: adds predicted latency (a "
            + "path, or a file name in latency-tables/ or $EDGENAS_HOME/tables/).")
    Path latencyTable;

    @Option(names = "--threads", defaultValue = "0", description = "ONNX Runtime threads (0 = all cores).")
    int threads;

    @Option(names = "--warmup", description = "Warm-up runs per model before timing (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--runs", description = "Timed runs per model, alternating fp32 and int8 (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--seed", description = "Seed of the calibration image choice (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--no-host-check", description = "gap8: do not build and run the C project on the host.")
    boolean noHostCheck;

    @Option(names = "--no-riscv-check", description = "gap8: do not compile the C project for rv32imc.")
    boolean noRiscvCheck;

    @Option(names = "--gap8-images",
            description = "gap8: validation images the project carries and runs (default ${DEFAULT-VALUE}).")
    int gap8Images;

    @Option(names = "--gvsoc", description = "gap8: also run the project whole on GVSOC's GAPuino (GAP SDK with GVSOC via "
            + "$GAP_SDK_HOME, $EDGENAS_GVSOC_HOME or ~/.cache/gvsoc); cycles and ms at 175 MHz go in the report.")
    boolean gvsoc;

    @Override
    public Integer call() {
        Target t = parse(() -> Target.parse(target), "--target");
        defaults(t);
        model = RawExports.normalised(model, "deploy", data);
        DeployOptions o = DeployOptions.of(model, t, out, data);
        o.calibImages = calibImages;
        o.method = parse(() -> CalibrationMethod.parse(method), "--calib-method");
        o.percentile = percentile;
        o.activations = activations == null ? null : parse(() -> ActivationType.parse(activations), "--activations");
        o.calibSplit = calibSplit;
        o.valSplit = valSplit;
        o.valImages = valImages;
        if (latencyTable != null) {
            o.latencyTable = TableNames.resolve(latencyTable);
            TableNames.noteForeign(o.latencyTable, dev.edgenas.latency.LatencyTable.read(o.latencyTable));
        }
        o.ort = OrtSettings.withThreads(threads);
        o.warmup = warmup;
        o.runs = runs;
        o.seed = seed;
        o.gap8HostCheck = !noHostCheck;
        o.gap8RiscvCheck = !noRiscvCheck;
        o.gap8Images = gap8Images;
        o.gap8Gvsoc = gvsoc;
        DeployReport r;
        try (BarListener bars = new BarListener(common.progress())) {
            r = Deployer.deploy(o, bars);
        }
        common.print(r, r.summary());
        return 0;
    }

    /** The pipeline's defaults for what was not given, said in one line on stderr. */
    private void defaults(Target t) {
        java.util.List<String> chose = new java.util.ArrayList<>();
        if (model == null) {
            LastSearch.Choice c = LastSearch.pick(LastSearch.DEFAULT_DIR);
            model = c.model();
            chose.add("model " + model + " (" + c.why() + ")");
        }
        if (data == null) {
            data = Path.of("work", "data");
            chose.add("data " + data);
        }
        if (out == null) {
            out = Path.of("work", "deploy", t.id());
            chose.add("out " + out);
        }
        if (!chose.isEmpty()) {
            System.err.println("edgenas: deploy: " + String.join(", ", chose));
        }
    }

    private <T> T parse(java.util.function.Supplier<T> s, String option) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(common.spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    /** One progress bar per deployment stage, on stderr. */
    private static final class BarListener implements DeployListener, AutoCloseable {
        private final boolean enabled;
        private ProgressBar bar;

        BarListener(boolean enabled) {
            this.enabled = enabled;
        }

        @Override
        public void stage(String name, int total) {
            close();
            bar = Progress.bar(name, Math.max(total, 1), enabled);
        }

        @Override
        public void progress(int done) {
            if (bar != null) {
                bar.stepTo(done);
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }
}
