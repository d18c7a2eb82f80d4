package dev.edgenas.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What is already at a synthetic dataset's target directory: nothing (go ahead), a complete dataset
 * made with the same generator, seed, size and counts (reuse it), or anything else (refuse, naming
 * what differs: edgenas never overwrites data it did not make).
 */
final class ExistingDataset {
    private ExistingDataset() {
    }

    /** A complete matching dataset at root, or null when root is absent or empty; else refuses. */
    static SynthSummary check(Path root, long seed, int train, int val, int size, long start) {
        if (!Files.exists(root)) {
            return null;
        }
        if (!Files.isDirectory(root)) {
            throw BadInputException.at(root, "out", "exists and is not a directory");
        }
        Path json = new VocLayout(root).datasetJson();
        if (!Files.isRegularFile(json)) {
            try (var entries = Files.list(root)) {
                if (entries.findAny().isEmpty()) {
                    return null;
                }
            } catch (IOException e) {
                throw BadInputException.at(root, "out", "cannot list: " + e.getMessage());
            }
            throw BadInputException.at(root, "out", "directory is not empty and holds no dataset.json;"
                    + " choose a new directory or remove it");
        }
        JsonNode n = Json.readTree(json);
        mustEqual(json, "generator", n.path("generator").asText(), PortraitRenderer.VERSION);
        mustEqual(json, "seed", n.path("seed").asText(), Long.toString(seed));
        mustEqual(json, "width", n.path("width").asText(), Integer.toString(size));
        mustEqual(json, "height", n.path("height").asText(), Integer.toString(size));
        mustEqual(json, "splits.train", n.path("splits").path("train").asText(), Integer.toString(train));
        mustEqual(json, "splits.val", n.path("splits").path("val").asText(), Integer.toString(val));
        List<Double> freq = new ArrayList<>();
        n.path("classPixelFrequency").forEach(v -> freq.add(v.asDouble()));
        if (freq.size() != PortraitClasses.count()) {
            throw BadInputException.at(json, "classPixelFrequency", "expected " + PortraitClasses.count() + " values");
        }
        return new SynthSummary(root, seed, size, train, val, SyntheticPortraits.elapsedMs(start), true, PortraitClasses.NAMES, freq);
    }

    private static void mustEqual(Path json, String field, String found, String wanted) {
        if (!found.equals(wanted)) {
            throw BadInputException.at(json, field, "the dataset here has " + (found.isEmpty() ? "none" : found)
                    + ", this run asks for " + wanted + "; remove the directory or choose another");
        }
    }
}
