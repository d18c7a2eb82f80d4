package dev.edgenas.cli;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.ir.imports.ExportNormaliser;
import dev.edgenas.ir.imports.ImportOptions;
import dev.edgenas.ir.imports.ImportReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ParameterException;

/**
 * eval, train, search and deploy take a raw export unedited: the model is normalised as
 * {@code edgenas model import} would (with its defaults) and the commands run on that, said in one
 * line on stderr. The normalised graph goes to a private temporary file, deleted when the JVM exits,
 * because every stage (ONNX Runtime sessions included) opens models by path; it keeps the export's
 * file name, so messages still name the user's model.
 */
final class RawExports {
    /** Normalised copy -> the user's file, so that error messages name the user's file. */
    private static final java.util.Map<String, String> ORIGINALS = new java.util.concurrent.ConcurrentHashMap<>();

    private RawExports() {
    }

    static String originalNames(String message) {
        String m = message;
        for (var e : ORIGINALS.entrySet()) {
            m = m.replace(e.getKey(), e.getValue());
        }
        return m;
    }

    /** The model to run: {@code model} itself, or its normalised copy when it is a raw export. */
    static Path normalised(Path model, String command, Path data) {
        if (model == null || !Files.isRegularFile(model)) {
            return model; // the command's own check reports a missing file
        }
        ModelProto m = OnnxModels.read(model);
        if (!ExportNormaliser.needed(m)) {
            return model;
        }
        ImportReport r = ExportNormaliser.normalise(m, model, ImportOptions.withDatasetClasses(datasetClasses(data)));
        Path copy;
        try {
            Path dir = Files.createTempDirectory("edgenas-import-");
            copy = dir.resolve(model.getFileName().toString());
            dir.toFile().deleteOnExit();
            copy.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new EdgenasException(ExitCode.FAILURE, model + ": cannot stage the normalised model: " + e.getMessage(), e);
        }
        OnnxModels.write(r.model(), copy);
        ORIGINALS.put(copy.toString(), model.toString());
        ORIGINALS.put(copy.toAbsolutePath().toString(), model.toString());
        dev.edgenas.core.NormalisedInputs.register(copy, model, r.summary());
        System.err.println("edgenas: note: " + command + ": " + model + " is a raw export; normalised in memory as "
                + "'edgenas model import' does (" + r.summary() + ")");
        return copy;
    }

    /** The class names in the dataset's dataset.json, or null when there are none to read. */
    private static List<String> datasetClasses(Path data) {
        Path f = data == null ? null : data.resolve("dataset.json");
        if (f == null || !Files.isRegularFile(f)) {
            return null;
        }
        try {
            var classes = dev.edgenas.core.Json.readTree(f).get("classes");
            if (classes == null || !classes.isArray() || classes.isEmpty()) {
                return null;
            }
            List<String> names = new java.util.ArrayList<>();
            classes.forEach(c -> names.add(c.asText()));
            return names;
        } catch (RuntimeException e) {
            return null; // the command's own dataset check reports a broken dataset.json
        }
    }

    /** Import options from the command line; a malformed value is a usage error naming the option. */
    static ImportOptions options(CommonOptions common, List<String> classes, float[] mean, float[] std, InputSize size) {
        check(common, mean, "--mean");
        check(common, std, "--std");
        if (std != null) {
            for (float s : std) {
                if (!(s > 0)) {
                    throw new ParameterException(common.spec.commandLine(), "--std: values must be > 0, got " + s);
                }
            }
        }
        if (classes != null && classes.stream().anyMatch(String::isBlank)) {
            throw new ParameterException(common.spec.commandLine(), "--classes: empty class name in " + classes);
        }
        return new ImportOptions(classes, mean, std, size == null ? null : size.height(),
                size == null ? null : size.width(), 255);
    }

    private static void check(CommonOptions common, float[] v, String option) {
        if (v != null && v.length != 3) {
            throw new ParameterException(common.spec.commandLine(), option + ": needs 3 comma-separated values, got "
                    + v.length);
        }
    }
}
