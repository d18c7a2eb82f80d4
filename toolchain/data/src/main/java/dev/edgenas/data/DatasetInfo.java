package dev.edgenas.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class names and ignore label of a VOC tree: from its {@code dataset.json} when present
 * (edgenas writes one; other fields such as provenance are kept but not interpreted here),
 * otherwise the 21 PASCAL VOC classes.
 */
public record DatasetInfo(String name, List<String> classNames, int ignoreLabel) {
    public static final int IGNORE = 255;

    public static final List<String> PASCAL_VOC_CLASSES = List.of(
            "background", "aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat",
            "chair", "cow", "diningtable", "dog", "horse", "motorbike", "person", "pottedplant",
            "sheep", "sofa", "train", "tvmonitor");

    public DatasetInfo {
        classNames = List.copyOf(classNames);
    }

    public int numClasses() {
        return classNames.size();
    }

    /** Reads {@code root/dataset.json} if it exists, else the PASCAL VOC defaults. */
    public static DatasetInfo read(VocLayout layout) {
        Path file = layout.datasetJson();
        if (!Files.isRegularFile(file)) {
            return new DatasetInfo("pascal-voc", PASCAL_VOC_CLASSES, IGNORE);
        }
        JsonNode root = Json.readTree(file);
        if (!root.isObject()) {
            throw BadInputException.at(file, null, "expected a JSON object");
        }
        JsonNode classes = root.get("classes");
        if (classes == null || !classes.isArray() || classes.isEmpty()) {
            throw BadInputException.at(file, "classes", "expected a non-empty array of class names");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
            JsonNode c = classes.get(i);
            if (!c.isTextual() || c.asText().isBlank()) {
                throw BadInputException.at(file, "classes[" + i + "]", "expected a non-empty string, got " + c);
            }
            names.add(c.asText());
        }
        JsonNode ign = root.get("ignoreLabel");
        if (ign != null && !(ign.isInt() && ign.asInt() == IGNORE)) {
            throw BadInputException.at(file, "ignoreLabel", "must be 255 (the VOC ignore label), got " + ign);
        }
        if (names.size() >= IGNORE) {
            throw BadInputException.at(file, "classes", names.size()
                    + " classes do not fit below the ignore label 255");
        }
        JsonNode n = root.get("name");
        return new DatasetInfo(n != null && n.isTextual() ? n.asText() : layout.root().getFileName().toString(),
                names, IGNORE);
    }
}
