package dev.edgenas.cli;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.core.Checksums;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxModels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Shared inputs of the bad-input battery: one small dataset and the tiny model built once, then
 * broken copies of each (datasets, models, tables), each broken in exactly one way.
 */
final class BatteryFixtures {
    final Path root;
    final Path data;
    final Path model;
    final Path table;
    final Path gap8Table;

    BatteryFixtures(Path root) throws IOException {
        this.root = root;
        data = root.resolve("data");
        model = root.resolve("tiny.onnx");
        must(CliRunner.run("data", "synth", "--out", data.toString(), "--seed", "5", "--train", "8", "--val", "6",
                "--size", "48", "--no-progress"));
        must(CliRunner.run("model", "build", "--preset", "tiny", "--out", model.toString()));
        table = root.resolve("cpu.json");
        Path repoTable = repoRoot().resolve("latency-tables/cpu-x86.json");
        Files.copy(repoTable, table);
        gap8Table = root.resolve("gap8-host-sim.json");
        // the same measurements relabelled as an int8 host-sim GAP8 table: another device and precision
        String g = Files.readString(table).replace("prec=fp32", "prec=int8")
                .replace("\"precision\" : \"fp32\"", "\"precision\" : \"int8\"")
                .replace("\"deviceId\" : \"cpu\"", "\"deviceId\" : \"gap8:host-sim\"")
                .replace("\"simulated\" : false", "\"simulated\" : true");
        Files.writeString(gap8Table, g);
    }

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("latency-tables"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    private static void must(CliRunner.Result r) {
        if (r.code() != 0) {
            throw new IllegalStateException("fixture failed: " + r.err());
        }
    }

    // ---- datasets broken in one way each ----

    Path dataCopy(String name) throws IOException {
        Path d = root.resolve("data-" + name);
        copyTree(data, d);
        return d;
    }

    String valId(Path d, int i) throws IOException {
        return Files.readAllLines(d.resolve("ImageSets/Segmentation/val.txt")).get(i).trim();
    }

    Path dataMissingMask() throws IOException {
        Path d = dataCopy("missing-mask");
        Files.delete(d.resolve("SegmentationClass/" + valId(d, 1) + ".png"));
        return d;
    }

    Path dataMaskOtherSize() throws IOException {
        Path d = dataCopy("mask-size");
        ImageIO.write(new BufferedImage(13, 7, BufferedImage.TYPE_BYTE_GRAY), "png",
                d.resolve("SegmentationClass/" + valId(d, 1) + ".png").toFile());
        return d;
    }

    Path dataLabel200() throws IOException {
        Path d = dataCopy("label-200");
        Path mask = d.resolve("SegmentationClass/" + valId(d, 1) + ".png");
        BufferedImage old = ImageIO.read(mask.toFile());
        BufferedImage img = new BufferedImage(old.getWidth(), old.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(3, 2, 0, 200);
        ImageIO.write(img, "png", mask.toFile());
        return d;
    }

    Path dataNotAnImage() throws IOException {
        Path d = dataCopy("not-image");
        String id = valId(d, 1);
        Path img = Files.exists(d.resolve("JPEGImages/" + id + ".jpg")) ? d.resolve("JPEGImages/" + id + ".jpg")
                : d.resolve("JPEGImages/" + id + ".png");
        Files.writeString(img, "this is not an image");
        return d;
    }

    Path dataNoSplit() throws IOException {
        Path d = dataCopy("no-split");
        Files.delete(d.resolve("ImageSets/Segmentation/val.txt"));
        return d;
    }

    Path dataEmptySplit() throws IOException {
        Path d = dataCopy("empty-split");
        Files.writeString(d.resolve("ImageSets/Segmentation/val.txt"), "");
        return d;
    }

    Path dataBadJson() throws IOException {
        Path d = dataCopy("bad-json");
        Files.writeString(d.resolve("dataset.json"), "{\"classes\": [");
        return d;
    }

    Path dataMissingId() throws IOException {
        Path d = dataCopy("missing-id");
        Files.writeString(d.resolve("ImageSets/Segmentation/val.txt"), "no_such_image\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        return d;
    }

    // ---- models ----

    Path modelSymbolicHw() throws IOException {
        return symbolic(false, "symbolic-hw.onnx");
    }

    /** Symbolic height/width, but edgenas metadata that gives the input size. */
    Path modelSymbolicHwWithMetadata() throws IOException {
        return symbolic(true, "symbolic-hw-meta.onnx");
    }

    private Path symbolic(boolean keepMetadata, String name) throws IOException {
        ModelProto m = OnnxModels.read(model);
        ModelProto.Builder b = keepMetadata ? m.toBuilder() : m.toBuilder().clearMetadataProps();
        var shape = b.getGraphBuilder().getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
        shape.getDimBuilder(2).clear().setDimParam("height");
        shape.getDimBuilder(3).clear().setDimParam("width");
        Path p = root.resolve(name);
        Files.write(p, b.build().toByteArray());
        return p;
    }

    Path modelThreeClasses() throws IOException {
        ModelProto m = OnnxModels.read(model);
        ModelMetadata meta = ModelMetadata.of(m, model);
        ModelMetadata three = new ModelMetadata(meta.inputName(), meta.outputName(), meta.height(), meta.width(),
                meta.mean(), meta.std(), List.of("a", "b", "c"), meta.ignoreLabel());
        Path p = root.resolve("three-classes.onnx");
        Files.write(p, ModelMetadata.withProperty(m, ModelMetadata.KEY, three.toJson()).toByteArray());
        return p;
    }

    Path modelNoMetadata() throws IOException {
        Path p = root.resolve("no-metadata.onnx");
        Files.write(p, OnnxModels.read(model).toBuilder().clearMetadataProps().build().toByteArray());
        return p;
    }

    Path file(String name, String content) throws IOException {
        Path p = root.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    Path truncated(Path src, String name) throws IOException {
        byte[] b = Files.readAllBytes(src);
        Path p = root.resolve(name);
        Files.write(p, java.util.Arrays.copyOf(b, b.length / 3));
        return p;
    }

    // ---- tables ----

    Path tableEdited(String name, String from, String to) throws IOException {
        String t = Files.readString(table);
        if (!t.contains(from)) {
            throw new IllegalStateException("table fixture: '" + from + "' not found");
        }
        return file(name, t.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
    }

    Path tableEmptyEntries() throws IOException {
        String t = Files.readString(table);
        int i = t.indexOf("\"entries\"");
        return file("empty-entries.json", t.substring(0, i) + "\"entries\" : { }\n}\n");
    }

    // ---- state of an output path ----

    /** A fingerprint of a file or folder tree (names and contents); "absent" when missing. */
    static String state(Path p) {
        if (p == null || !Files.exists(p)) {
            return "absent";
        }
        if (Files.isRegularFile(p)) {
            return "file " + Checksums.sha256(p);
        }
        StringBuilder sb = new StringBuilder("dir");
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : (Iterable<Path>) s.sorted()::iterator) {
                sb.append('\n').append(p.relativize(f)).append(Files.isRegularFile(f) ? " " + Checksums.sha256(f) : "/");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return sb.toString();
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.naturalOrder())::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
