package dev.edgenas.cli;

import dev.edgenas.core.BadInputException;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxModels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An output path is replaced only when edgenas wrote what is there (or --force says so): a typo in
 * --out must not silently destroy someone's file. Checked before any long work.
 */
final class OutGuard {
    private OutGuard() {
    }

    /** An ONNX model: edgenas' models carry edgenas.* metadata. */
    static void model(Path out, boolean force, String option) {
        if (!needsCheck(out, force, option)) {
            return;
        }
        boolean ours;
        try {
            ours = OnnxModels.read(out).getMetadataPropsList().stream()
                    .anyMatch(p -> p.getKey().startsWith("edgenas."));
        } catch (RuntimeException e) {
            ours = false;
        }
        if (!ours) {
            throw refuse(out, option, "is not an ONNX model written by edgenas (no " + ModelMetadata.PROVENANCE_KEY + ")");
        }
    }

    /** A text file recognised by a marker edgenas always writes near its start. */
    static void text(Path out, boolean force, String option, String marker) {
        if (!needsCheck(out, force, option)) {
            return;
        }
        String head;
        try (InputStream in = Files.newInputStream(out)) {
            head = new String(in.readNBytes(8192), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw BadInputException.at(out, option, "cannot read: " + e.getMessage());
        }
        if (!head.contains(marker)) {
            throw refuse(out, option, "was not written by edgenas");
        }
    }

    private static boolean needsCheck(Path out, boolean force, String option) {
        if (out == null || force || !Files.exists(out)) {
            return false;
        }
        if (Files.isDirectory(out)) {
            throw BadInputException.at(out, option, "is a folder; give a file name");
        }
        try {
            return Files.size(out) > 0;
        } catch (IOException e) {
            throw BadInputException.at(out, option, "cannot read: " + e.getMessage());
        }
    }

    private static BadInputException refuse(Path out, String option, String why) {
        return BadInputException.at(out, option, "exists and " + why + "; not replacing it (pass --force to replace)");
    }
}
