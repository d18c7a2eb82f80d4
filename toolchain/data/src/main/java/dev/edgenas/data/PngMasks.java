package dev.edgenas.data;

import dev.edgenas.core.BadInputException;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.nio.file.Path;

/**
 * Label masks as PNG files: written as 8-bit palette PNGs with the VOC palette; read back as the
 * raw raster values (palette indices, or grey levels of a 1-band grey PNG), never as colours.
 */
public final class PngMasks {
    private PngMasks() {
    }

    /** A decoded mask: one label byte per pixel, row-major. */
    public record Mask(int width, int height, byte[] labels) {
    }

    /** Encodes labels (row-major, width*height) as a VOC-palette PNG. */
    public static byte[] encode(byte[] labels, int width, int height) {
        if (labels.length != width * height) {
            throw new IllegalArgumentException("mask has " + labels.length + " bytes, expected " + width * height);
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, Palette.voc());
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(labels, 0, data, 0, labels.length);
        return ImageFiles.encodePng(img);
    }

    /**
     * Reads a mask PNG. Palette PNGs give their indices, 1-band grey PNGs their grey values; colour
     * PNGs are refused because their colours would have to be guessed back into class ids.
     */
    public static Mask read(Path file, String field) {
        BufferedImage img = ImageFiles.decode(file, field);
        Raster raster = img.getRaster();
        boolean indexed = img.getColorModel() instanceof IndexColorModel;
        boolean grey = img.getColorModel() instanceof ComponentColorModel && raster.getNumBands() == 1;
        if (!indexed && !grey) {
            throw BadInputException.at(file, field, "mask is a " + raster.getNumBands()
                    + "-band colour image; expected a palette (indexed) PNG or an 8-bit grey PNG whose values are class ids");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        int[] values = raster.getSamples(0, 0, w, h, 0, (int[]) null);
        byte[] labels = new byte[w * h];
        for (int i = 0; i < values.length; i++) {
            int v = values[i];
            if (v > 255) {
                throw BadInputException.at(file, field + " pixel (" + (i % w) + "," + (i / w) + ")",
                        "value " + v + " does not fit a label byte (16-bit mask?); expected 8-bit class ids or 255");
            }
            labels[i] = (byte) v;
        }
        return new Mask(w, h, labels);
    }
}
