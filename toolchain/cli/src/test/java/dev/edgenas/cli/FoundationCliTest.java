package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.Json;
import dev.edgenas.ir.OnnxChecker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The foundation commands end to end, in-process, on a small synthetic dataset and the tiny model. */
class FoundationCliTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path model;

    @BeforeAll
    static void setUp() {
        data = tmp.resolve("data");
        model = tmp.resolve("tiny.onnx");
        CliRunner.Result s = CliRunner.run("data", "synth", "--out", data.toString(), "--seed", "3",
                "--train", "8", "--val", "12", "--size", "64");
        assertEquals(0, s.code(), s.err());
        CliRunner.Result b = CliRunner.run("model", "build", "--preset", "tiny", "--out", model.toString());
        assertEquals(0, b.code(), b.err());
    }

    @Test
    void helpListsTheSubcommands() {
        CliRunner.Result r = CliRunner.run("--help");
        assertEquals(0, r.code());
        for (String cmd : new String[] {"data", "model", "eval"}) {
            assertTrue(r.out().contains(cmd), r.out());
        }
    }

    @Test
    void builtModelPassesTheIndependentChecker() {
        OnnxChecker.check(model);
    }

    @Test
    void evalPrintsMetricsAsJson() {
        CliRunner.Result r = CliRunner.run("eval", "--model", model.toString(), "--data", data.toString(),
                "--json", "--batch", "4");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.readTreeString(r.out());
        assertEquals(12, j.get("images").asInt());
        double miou = j.get("miou").asDouble();
        assertTrue(miou >= 0 && miou <= 1, "mIoU " + miou);
        assertTrue(j.get("imagesPerSecond").asDouble() > 0);
        assertEquals(7, j.get("perClassIou").size());
    }

    @Test
    void modelInfoCountsKernels() {
        CliRunner.Result r = CliRunner.run("model", "info", "--model", model.toString(), "--kernels", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.readTreeString(r.out());
        assertTrue(j.get("macs").asLong() > 0);
        assertEquals(j.get("kernelCount").asInt(), j.get("kernels").size());
    }

    @Test
    void truncatedModelIsExit3WithOneLine() throws Exception {
        byte[] bytes = Files.readAllBytes(model);
        Path cut = tmp.resolve("cut.onnx");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 3));
        CliRunner.Result r = CliRunner.run("model", "info", "--model", cut.toString());
        assertEquals(3, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(cut.toString()), r.err());
    }

    @Test
    void missingMaskIsExit3NamingTheFile() throws Exception {
        Path broken = tmp.resolve("broken");
        CliRunner.run("data", "synth", "--out", broken.toString(), "--seed", "4", "--train", "2", "--val", "3", "--size", "32");
        String id = Files.readAllLines(broken.resolve("ImageSets/Segmentation/val.txt")).get(1).trim();
        Files.delete(broken.resolve("SegmentationClass/" + id + ".png"));
        CliRunner.Result r = CliRunner.run("data", "check", "--data", broken.toString());
        assertEquals(3, r.code(), r.out());
        assertTrue(r.err().contains(id), r.err());
    }

    @Test
    void usageErrorIsExit2() {
        CliRunner.Result r = CliRunner.run("eval", "--model");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--help"), r.err());
    }
}
