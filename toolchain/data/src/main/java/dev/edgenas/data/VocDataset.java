package dev.edgenas.data;

import dev.edgenas.core.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One split of a PASCAL VOC segmentation tree. Opening reads only the split list and
 * {@code dataset.json}; {@link #get} loads and checks one sample from disk; {@link #validate}
 * checks them all up front, so that a long run fails at its start rather than hours in.
 */
public final class VocDataset {
    private final VocLayout layout;
    private final String split;
    private final DatasetInfo info;
    private final List<String> ids;

    private VocDataset(VocLayout layout, String split, DatasetInfo info, List<String> ids) {
        this.layout = layout;
        this.split = split;
        this.info = info;
        this.ids = ids;
    }

    /** Opens {@code root/ImageSets/Segmentation/<split>.txt}; one id per line (first token). */
    public static VocDataset open(Path root, String split) {
        VocLayout layout = new VocLayout(root);
        if (!Files.isDirectory(root)) {
            throw BadInputException.at(root, "dataset", "directory not found");
        }
        Path list = layout.splitFile(split);
        List<String> lines;
        try {
            lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw BadInputException.at(list, "split '" + split + "'", "split file not found");
        } catch (IOException e) {
            throw BadInputException.at(list, "split '" + split + "'", "cannot read: " + e.getMessage());
        }
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String id = line.split("\\s+")[0];
            if (id.contains("/") || id.contains("\\") || id.equals("..")) {
                throw BadInputException.at(list, "line " + (n + 1), "id '" + id + "' must be a plain file stem");
            }
            if (!seen.add(id)) {
                throw BadInputException.at(list, "line " + (n + 1), "id '" + id + "' is listed twice");
            }
            ids.add(id);
        }
        if (ids.isEmpty()) {
            throw BadInputException.at(list, "split '" + split + "'", "lists no ids");
        }
        return new VocDataset(layout, split, DatasetInfo.read(layout), List.copyOf(ids));
    }

    public Path root() {
        return layout.root();
    }

    public String split() {
        return split;
    }

    public int size() {
        return ids.size();
    }

    public String id(int i) {
        return ids.get(i);
    }

    public List<String> ids() {
        return ids;
    }

    public List<String> classNames() {
        return info.classNames();
    }

    public int numClasses() {
        return info.numClasses();
    }

    public int ignoreLabel() {
        return info.ignoreLabel();
    }

    public DatasetInfo info() {
        return info;
    }

    /** Loads sample i from disk and checks it (image present and readable, mask matches, labels valid). */
    public SegSample get(int i) {
        String id = ids.get(i);
        String field = "id '" + id + "'";
        Path imagePath = layout.imagePath(id);
        if (!Files.isRegularFile(imagePath)) {
            throw BadInputException.at(imagePath, field, "image not found (looked for " + id + ".jpg and "
                    + id + ".png in " + VocLayout.IMAGES + ", listed in " + split + ".txt)");
        }
        Path maskPath = layout.maskPath(id);
        if (!Files.isRegularFile(maskPath)) {
            throw BadInputException.at(maskPath, field, "mask not found (listed in " + split + ".txt)");
        }
        ImageFiles.Rgb image = ImageFiles.readRgb(imagePath, field);
        PngMasks.Mask mask = PngMasks.read(maskPath, field);
        if (mask.width() != image.width() || mask.height() != image.height()) {
            throw BadInputException.at(maskPath, field, "mask is " + mask.width() + "x" + mask.height()
                    + " but its image " + imagePath.getFileName() + " is " + image.width() + "x" + image.height());
        }
        checkLabels(maskPath, id, mask);
        return new SegSample(id, image.width(), image.height(), image.rgb(), mask.labels());
    }

    private void checkLabels(Path maskPath, String id, PngMasks.Mask mask) {
        byte[] labels = mask.labels();
        int classes = numClasses();
        int ignore = ignoreLabel();
        for (int p = 0; p < labels.length; p++) {
            int v = labels[p] & 0xFF;
            if (v >= classes && v != ignore) {
                throw BadInputException.at(maskPath, "id '" + id + "' pixel (" + p % mask.width() + ","
                        + p / mask.width() + ")", "label " + v + " is out of range: expected 0.."
                        + (classes - 1) + " (" + classes + " classes) or " + ignore + " (ignore)");
            }
        }
    }

    /** Checks every sample of the split; throws the first problem as a BadInputException. */
    public void validate() {
        validate(0);
    }

    /**
     * Checks the first {@code limit} samples (0 = all), the ones a limited run uses: before hours of
     * training rather than at the first validation pass.
     */
    public void validate(int limit) {
        int n = limit > 0 ? Math.min(limit, ids.size()) : ids.size();
        for (int i = 0; i < n; i++) {
            get(i);
        }
    }

    @Override
    public String toString() {
        return "VocDataset[" + layout.root() + " " + split + ", " + size() + " samples, " + numClasses() + " classes]";
    }
}
