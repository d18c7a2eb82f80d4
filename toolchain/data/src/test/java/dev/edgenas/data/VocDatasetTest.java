package dev.edgenas.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.core.BadInputException;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hand-made VOC tree with 21 default classes (no dataset.json) and what goes wrong with it. */
class VocDatasetTest {
    @TempDir
    Path root;
    VocLayout layout;

    @BeforeEach
    void tree() throws IOException {
        layout = new VocLayout(root);
        Files.createDirectories(layout.imagesDir());
        Files.createDirectories(layout.masksDir());
        Files.createDirectories(layout.splitsDir());
        for (String id : List.of("a", "b", "c")) {
            writeSample(id, 12, 10, (x, y) -> (x + y) % 21);
        }
        Files.writeString(layout.splitFile("train"), "a\nb\n\nc\n");
    }

    @Test
    void readsSamplesAndDefaultsToPascalClasses() {
        VocDataset ds = VocDataset.open(root, "train");
        assertEquals(3, ds.size());
        assertEquals(21, ds.numClasses());
        assertEquals("person", ds.classNames().get(15));
        SegSample s = ds.get(2);
        assertEquals("c", s.id());
        assertEquals(12, s.width());
        assertEquals(10, s.height());
        assertEquals((5 + 7) % 21, s.label(5, 7));
        ds.validate();
    }

    @Test
    void missingSplitFileNamesTheFile() {
        BadInputException e = assertThrows(BadInputException.class, () -> VocDataset.open(root, "val"));
        assertTrue(e.getMessage().startsWith(layout.splitFile("val").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("split 'val'"), e.getMessage());
    }

    @Test
    void missingMaskIsFoundByValidateButOpenStaysLazy() throws IOException {
        Files.delete(layout.maskPath("b"));
        VocDataset ds = VocDataset.open(root, "train");
        ds.get(0);
        BadInputException e = assertThrows(BadInputException.class, ds::validate);
        assertTrue(e.getMessage().startsWith(layout.maskPath("b").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("id 'b'") && e.getMessage().contains("mask not found"), e.getMessage());
    }

    @Test
    void missingImageNamesTheExpectedFile() throws IOException {
        Files.delete(layout.jpegPath("c"));
        BadInputException e = assertThrows(BadInputException.class, () -> VocDataset.open(root, "train").validate());
        assertTrue(e.getMessage().startsWith(layout.jpegPath("c").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("id 'c'") && e.getMessage().contains("image not found"), e.getMessage());
    }

    @Test
    void sizeMismatchNamesMaskAndBothSizes() throws IOException {
        Files.write(layout.maskPath("a"), PngMasks.encode(new byte[12 * 9], 12, 9));
        BadInputException e = assertThrows(BadInputException.class, () -> VocDataset.open(root, "train").get(0));
        assertTrue(e.getMessage().startsWith(layout.maskPath("a").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("12x9") && e.getMessage().contains("12x10"), e.getMessage());
    }

    @Test
    void labelOutOfRangeNamesValueAndPixel() throws IOException {
        byte[] m = new byte[12 * 10];
        m[5 * 12 + 3] = 21;   // first bad pixel, (3,5)
        m[9 * 12 + 0] = 40;
        m[0] = (byte) 255;    // ignore is fine
        Files.write(layout.maskPath("b"), PngMasks.encode(m, 12, 10));
        BadInputException e = assertThrows(BadInputException.class, () -> VocDataset.open(root, "train").validate());
        String msg = e.getMessage();
        assertTrue(msg.startsWith(layout.maskPath("b").toString()), msg);
        assertTrue(msg.contains("id 'b' pixel (3,5)") && msg.contains("label 21"), msg);
    }

    @Test
    void unreadableImageNamesTheFile() throws IOException {
        Files.writeString(layout.jpegPath("a"), "not a jpeg");
        BadInputException e = assertThrows(BadInputException.class, () -> VocDataset.open(root, "train").get(0));
        assertTrue(e.getMessage().startsWith(layout.jpegPath("a").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("id 'a'"), e.getMessage());
    }

    @Test
    void acceptsPngImagesGreyMasksAndFourBitPaletteMasks() throws IOException {
        Files.delete(layout.jpegPath("a"));
        BufferedImage rgb = new BufferedImage(12, 10, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(4, 2, 0x102030);
        ImageIO.write(rgb, "png", layout.imagesDir().resolve("a.png").toFile());
        BufferedImage grey = new BufferedImage(12, 10, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(7, 3, 0, 15);
        grey.getRaster().setSample(8, 3, 0, 255);
        ImageIO.write(grey, "png", layout.maskPath("a").toFile());
        // a 16-colour palette PNG whose colours are NOT the VOC ones: the index must still be the label
        byte[] ramp = new byte[16];
        for (int i = 0; i < 16; i++) {
            ramp[i] = (byte) (255 - 16 * i);
        }
        BufferedImage four = new BufferedImage(12, 10, BufferedImage.TYPE_BYTE_BINARY,
                new IndexColorModel(4, 16, ramp, ramp, ramp));
        four.getRaster().setSample(1, 1, 0, 13);
        ImageIO.write(four, "png", layout.maskPath("b").toFile());

        VocDataset ds = VocDataset.open(root, "train");
        SegSample a = ds.get(0);
        assertEquals(0x10, a.channel(4, 2, 0));
        assertEquals(0x30, a.channel(4, 2, 2));
        assertEquals(15, a.label(7, 3));
        assertEquals(255, a.label(8, 3));
        SegSample b = ds.get(1);
        assertEquals(13, b.label(1, 1));
        assertEquals(0, b.label(0, 0));
    }

    @Test
    void colourMasksAreRefusedWithTheirFileName() throws IOException {
        ImageIO.write(new BufferedImage(12, 10, BufferedImage.TYPE_INT_RGB), "png", layout.maskPath("c").toFile());
        BadInputException e = assertThrows(BadInputException.class, () -> VocDataset.open(root, "train").get(2));
        assertTrue(e.getMessage().startsWith(layout.maskPath("c").toString())
                && e.getMessage().contains("palette"), e.getMessage());
    }

    @Test
    void datasetJsonSetsClassesAndBadOnesAreNamed() throws IOException {
        Files.writeString(layout.datasetJson(), "{\"name\":\"tiny\",\"classes\":[\"bg\",\"fg\"],\"ignoreLabel\":255}");
        BadInputException e = assertThrows(BadInputException.class, () -> VocDataset.open(root, "train").validate());
        assertTrue(e.getMessage().contains("label 2 ") && e.getMessage().contains("2 classes"), e.getMessage());
        assertEquals(List.of("bg", "fg"), VocDataset.open(root, "train").classNames());
        Files.writeString(layout.datasetJson(), "{\"classes\":[\"bg\", 3]}");
        e = assertThrows(BadInputException.class, () -> VocDataset.open(root, "train"));
        assertTrue(e.getMessage().startsWith(layout.datasetJson() + ": classes[1]"), e.getMessage());
    }

    @Test
    void splitListProblemsNameTheLine() throws IOException {
        Files.writeString(layout.splitFile("dup"), "a\nb\na\n");
        BadInputException e = assertThrows(BadInputException.class, () -> VocDataset.open(root, "dup"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        Files.writeString(layout.splitFile("empty"), "\n\n");
        assertThrows(BadInputException.class, () -> VocDataset.open(root, "empty"));
    }

    @Test
    void paletteMatchesVocAndMasksRoundTripEveryValue() {
        assertEquals(0x000000, Palette.rgb(0));
        assertEquals(0x800000, Palette.rgb(1));
        assertEquals(0x008000, Palette.rgb(2));
        assertEquals(0x808000, Palette.rgb(3));
        assertEquals(0x000080, Palette.rgb(4));
        assertEquals(0xE0E0C0, Palette.rgb(255));
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        Path file = root.resolve("all.png");
        dev.edgenas.core.AtomicFiles.write(file, PngMasks.encode(all, 16, 16));
        assertArrayEquals(all, PngMasks.read(file, "mask").labels());
    }

    interface LabelFn {
        int at(int x, int y);
    }

    private void writeSample(String id, int w, int h, LabelFn label) {
        byte[] rgb = new byte[w * h * 3];
        byte[] mask = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                mask[y * w + x] = (byte) label.at(x, y);
                rgb[(y * w + x) * 3] = (byte) (x * 20);
            }
        }
        dev.edgenas.core.AtomicFiles.write(layout.jpegPath(id),
                ImageFiles.encodeJpeg(ImageFiles.toImage(rgb, w, h), 0.95f));
        dev.edgenas.core.AtomicFiles.write(layout.maskPath(id), PngMasks.encode(mask, w, h));
    }
}
