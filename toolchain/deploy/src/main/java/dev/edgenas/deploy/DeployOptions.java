package dev.edgenas.deploy;

import dev.edgenas.core.BadInputException;
import dev.edgenas.deploy.quant.ActivationType;
import dev.edgenas.deploy.quant.CalibrationMethod;
import dev.edgenas.deploy.quant.QuantOptions;
import dev.edgenas.runtime.OrtSettings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One deployment: plain mutable fields with defaults (the CLI and Java callers fill in what they
 * need); {@link Deployer#deploy} validates.
 */
public final class DeployOptions {
    /** fp32 ONNX model written by edgenas (carries edgenas.preprocess metadata). */
    public Path model;
    public Target target = Target.CPU;
    /** Bundle folder (created; existing bundle files are replaced). */
    public Path out;
    /** Dataset root (VOC layout): calibration images from {@link #calibSplit}, mIoU on {@link #valSplit}. */
    public Path data;
    public String calibSplit = "train";
    public String valSplit = "val";
    public int calibImages = 64;
    public CalibrationMethod method = CalibrationMethod.MINMAX;
    public double percentile = 99.99;
    /** null: the target's default ({@link Target#defaultActivations}: cpu and gap8 uint8, android int8). */
    public ActivationType activations;
    /** Validation images for the mIoU comparison; 0 = the whole split. */
    public int valImages = 0;
    /** Latency table of the target device, or null. */
    public Path latencyTable;
    public OrtSettings ort = OrtSettings.defaults();
    public int warmup = 10;
    public int runs = 50;
    /** Seeds the choice of calibration images. */
    public long seed = 1;
    /** gap8: build and run the generated C on the host and compare with ONNX Runtime. */
    public boolean gap8HostCheck = true;
    /** gap8: compile the generated C for rv32imc. */
    public boolean gap8RiscvCheck = true;
    /** Validation images the gap8 project carries in inputs.bin and the host build (and GVSOC) run. */
    public int gap8Images = 8;
    /** Also run the gap8 project whole on GVSOC (needs a GAP SDK with GVSOC, see docs/GAP8.md). */
    public boolean gap8Gvsoc;
    /** Evaluation batch size. */
    public int evalBatch = 8;

    public static DeployOptions of(Path model, Target target, Path out, Path data) {
        DeployOptions o = new DeployOptions();
        o.model = model;
        o.target = target;
        o.out = out;
        o.data = data;
        return o;
    }

    public ActivationType activationType() {
        return activations != null ? activations : target.defaultActivations;
    }

    public QuantOptions quantOptions() {
        return new QuantOptions(method, percentile, activationType());
    }

    void validate() {
        if (model == null || out == null || data == null || target == null) {
            throw new BadInputException("deploy needs a model, a target, an output folder and a dataset");
        }
        if (!Files.isRegularFile(model)) {
            throw BadInputException.at(model, null, "model file not found");
        }
        if (!Files.isDirectory(data)) {
            throw BadInputException.at(data, null, "dataset folder not found");
        }
        if (latencyTable != null && !Files.isRegularFile(latencyTable)) {
            throw BadInputException.at(latencyTable, null, "latency table not found");
        }
        if (calibImages < 1 || runs < 1 || warmup < 0 || valImages < 0 || evalBatch < 1) {
            throw new dev.edgenas.core.EdgenasException(dev.edgenas.core.ExitCode.USAGE, "--calib-images, --runs and "
                    + "--eval-batch must be at least 1, --warmup and --val-images at least 0");
        }
    }
}
