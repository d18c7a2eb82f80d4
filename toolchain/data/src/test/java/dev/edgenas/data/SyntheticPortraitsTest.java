package dev.edgenas.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticPortraitsTest {
    private static final int SIZE = 64;

    @TempDir
    Path tmp;

    @Test
    void sameSeedGivesIdenticalFilesWhateverTheThreadCountAndOtherSeedsDiffer() throws IOException {
        SyntheticPortraits.generate(tmp.resolve("a"), 7, 12, 4, SIZE, 1);
        SyntheticPortraits.generate(tmp.resolve("b"), 7, 12, 4, SIZE, 2);
        SyntheticPortraits.generate(tmp.resolve("c"), 8, 12, 4, SIZE, 2);
        Map<String, byte[]> a = dataFiles(tmp.resolve("a"));
        Map<String, byte[]> b = dataFiles(tmp.resolve("b"));
        Map<String, byte[]> c = dataFiles(tmp.resolve("c"));
        assertEquals(16 * 2 + 2, a.size());
        assertEquals(a.keySet(), b.keySet());
        a.forEach((name, bytes) -> assertArrayEquals(bytes, b.get(name), name + " differs for the same seed"));
        assertEquals(a.keySet(), c.keySet());
        long differing = a.keySet().stream().filter(n -> n.endsWith(".jpg"))
                .filter(n -> !java.util.Arrays.equals(a.get(n), c.get(n))).count();
        assertEquals(16, differing, "every image should change with the seed");
    }

    @Test
    void writesVocLayoutWithDatasetJsonThatTheReaderUnderstands() {
        SynthSummary s = SyntheticPortraits.generate(tmp.resolve("voc"), 3, 15, 5, SIZE);
        assertFalse(s.reused());
        assertEquals(20, s.imageCount());
        VocLayout layout = new VocLayout(s.root());
        assertTrue(Files.isRegularFile(layout.jpegPath("train_000014")));
        assertTrue(Files.isRegularFile(layout.maskPath("val_000004")));
        assertFalse(Files.exists(layout.jpegPath("train_000015")));
        VocDataset train = VocDataset.open(s.root(), "train");
        VocDataset val = VocDataset.open(s.root(), "val");
        assertEquals(15, train.size());
        assertEquals(5, val.size());
        assertEquals("train_000000", train.id(0));
        assertEquals(PortraitClasses.NAMES, train.classNames());
        assertEquals(7, train.numClasses());
        assertEquals(255, train.ignoreLabel());
        train.validate();
        val.validate();
        JsonNode json = Json.readTree(layout.datasetJson());
        assertEquals(3, json.get("seed").asLong());
        assertEquals(SIZE, json.get("width").asInt());
        assertEquals(15, json.get("splits").get("train").asInt());
        assertEquals("edgenas", json.get("provenance").get("tool").get("name").asText());
        assertFalse(Files.exists(tmp.resolve(".voc.partial")), "temporary directory left behind");
    }

    @Test
    void masksReadBackExactlyAndImagesCloselyAfterJpeg() {
        SynthSummary s = SyntheticPortraits.generate(tmp.resolve("rb"), 11, 6, 2, SIZE);
        VocDataset val = VocDataset.open(s.root(), "val");
        for (int i = 0; i < val.size(); i++) {
            PortraitRenderer.Rendered r = PortraitRenderer.render(11, SyntheticPortraits.VAL_STREAM, i, SIZE);
            SegSample got = val.get(i);
            assertArrayEquals(r.mask(), got.mask(), "mask of " + got.id());
            double err = 0;
            for (int k = 0; k < r.rgb().length; k++) {
                err += Math.abs((r.rgb()[k] & 0xFF) - (got.rgb()[k] & 0xFF));
            }
            err /= r.rgb().length;
            assertTrue(err < 8, "JPEG q95 should stay close to the render, mean abs error " + err);
        }
    }

    @Test
    void everyClassAppearsAndThinClassesAreASmallShare() {
        SynthSummary s = SyntheticPortraits.generate(tmp.resolve("freq"), 5, 16, 4, SIZE);
        long[] counted = new long[PortraitClasses.count()];
        for (String split : List.of("train", "val")) {
            VocDataset ds = VocDataset.open(s.root(), split);
            for (int i = 0; i < ds.size(); i++) {
                for (byte b : ds.get(i).mask()) {
                    counted[b & 0xFF]++;
                }
            }
        }
        long total = 20L * SIZE * SIZE;
        double sum = 0;
        for (int c = 0; c < counted.length; c++) {
            double share = (double) counted[c] / total;
            assertEquals(share, s.classFrequency().get(c), 1e-12, "summary share of class " + c);
            assertTrue(counted[c] > 0, "class " + PortraitClasses.NAMES.get(c) + " never appears");
            sum += share;
        }
        assertEquals(1.0, sum, 1e-9);
        for (int thin : new int[] {PortraitClasses.EYES, PortraitClasses.MOUTH}) {
            double share = s.classFrequency().get(thin);
            assertTrue(share > 0.0005 && share < 0.02, PortraitClasses.NAMES.get(thin) + " share " + share);
        }
        double bg = s.classFrequency().get(PortraitClasses.BACKGROUND);
        assertTrue(bg > 0.3 && bg < 0.85, "background share " + bg);
        for (int big : new int[] {PortraitClasses.SKIN, PortraitClasses.HAIR, PortraitClasses.CLOTHES}) {
            assertTrue(s.classFrequency().get(big) > 0.03, PortraitClasses.NAMES.get(big) + " is too rare");
            assertTrue(s.classFrequency().get(big) > s.classFrequency().get(PortraitClasses.EYES));
        }
    }

    @Test
    void resolutionOracleIsPerfectAtFullResolutionAndLosesThinClassesFirst() {
        SynthSummary s = SyntheticPortraits.generate(tmp.resolve("oracle"), 2, 1, 12, SIZE);
        VocDataset val = VocDataset.open(s.root(), "val");
        double[] full = SynthBenchmark.oracleIoU(val, 1);
        for (double iou : full) {
            assertTrue(Double.isNaN(iou) || iou == 1.0, java.util.Arrays.toString(full)); // NaN: class absent
        }
        double[] coarse = SynthBenchmark.oracleIoU(val, 8);
        assertTrue(coarse[PortraitClasses.EYES] < coarse[PortraitClasses.SKIN], java.util.Arrays.toString(coarse));
        assertTrue(coarse[PortraitClasses.MOUTH] < coarse[PortraitClasses.CLOTHES], java.util.Arrays.toString(coarse));
        assertTrue(coarse[PortraitClasses.BACKGROUND] > 0.8, java.util.Arrays.toString(coarse));
    }

    @Test
    void rerunReusesACompleteDatasetAndRefusesAMismatchedOne() throws IOException {
        Path out = tmp.resolve("again");
        SyntheticPortraits.generate(out, 9, 4, 2, SIZE);
        Path probe = new VocLayout(out).jpegPath("train_000000");
        var before = Files.getLastModifiedTime(probe);
        SynthSummary second = SyntheticPortraits.generate(out, 9, 4, 2, SIZE);
        assertTrue(second.reused());
        assertEquals(before, Files.getLastModifiedTime(probe));
        assertEquals(7, second.classFrequency().size());
        BadInputException e = assertThrows(BadInputException.class,
                () -> SyntheticPortraits.generate(out, 10, 4, 2, SIZE));
        assertTrue(e.getMessage().contains("dataset.json") && e.getMessage().contains("seed"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> SyntheticPortraits.generate(out, 9, 5, 2, SIZE));
        assertTrue(e.getMessage().contains("splits.train"), e.getMessage());
    }

    @Test
    void leftoversOfAKilledRunAreReplacedAndForeignDirectoriesRefused() throws IOException {
        Path partial = tmp.resolve(".ds.partial");
        Files.createDirectories(partial.resolve("JPEGImages"));
        Files.writeString(partial.resolve("JPEGImages/junk.jpg"), "half written");
        Files.createDirectories(tmp.resolve("ds")); // an empty target is fine
        SynthSummary s = SyntheticPortraits.generate(tmp.resolve("ds"), 1, 3, 1, SIZE);
        assertFalse(Files.exists(partial));
        assertFalse(Files.exists(s.root().resolve("JPEGImages/junk.jpg")));
        VocDataset.open(s.root(), "train").validate();

        Path foreign = tmp.resolve("photos");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("holiday.jpg"), "x");
        BadInputException e = assertThrows(BadInputException.class,
                () -> SyntheticPortraits.generate(foreign, 1, 3, 1, SIZE));
        assertTrue(e.getMessage().startsWith(foreign.toAbsolutePath().toString()), e.getMessage());
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(BadInputException.class, () -> SyntheticPortraits.generate(tmp.resolve("x"), 1, 0, 0, SIZE));
        assertThrows(BadInputException.class, () -> SyntheticPortraits.generate(tmp.resolve("x"), 1, 2, 2, 8));
    }

    /** Images, masks and split lists (not dataset.json: it records the creation time). */
    private static Map<String, byte[]> dataFiles(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                if (!p.getFileName().toString().equals("dataset.json")) {
                    files.put(root.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
        }
        return files;
    }
}
