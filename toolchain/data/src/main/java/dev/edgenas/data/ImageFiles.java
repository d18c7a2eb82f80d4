package dev.edgenas.data;

import dev.edgenas.core.BadInputException;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Decoding images into interleaved RGB bytes and encoding JPEG and PNG, with javax.imageio only. */
public final class ImageFiles {
    private ImageFiles() {
    }

    /** Decodes any image ImageIO understands; a missing or undecodable file names the file. */
    static BufferedImage decode(Path file, String field) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw BadInputException.at(file, field, "file not found");
        } catch (IOException e) {
            throw BadInputException.at(file, field, "cannot read: " + e.getMessage());
        }
        BufferedImage img;
        try {
            // an explicit in-memory stream: ImageIO.read(InputStream) would spill to a temp file
            img = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)));
        } catch (IOException | RuntimeException e) {
            throw BadInputException.at(file, field, "cannot decode image: " + e.getMessage());
        }
        if (img == null) {
            throw BadInputException.at(file, field, "not an image format javax.imageio can read (expected JPEG or PNG)");
        }
        return img;
    }

    /** A decoded colour image: HWC interleaved RGB bytes. */
    public record Rgb(int width, int height, byte[] rgb) {
    }

    /** Reads an image file as RGB; a missing or undecodable file is a BadInputException naming it. */
    public static Rgb readRgb(Path file, String field) {
        BufferedImage img = decode(file, field);
        return new Rgb(img.getWidth(), img.getHeight(), toRgb(img));
    }

    /** HWC interleaved RGB bytes of an image; grey images are replicated to three channels. */
    public static byte[] toRgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        Raster r = img.getRaster();
        byte[] rgb = new byte[w * h * 3];
        boolean component = img.getColorModel() instanceof ComponentColorModel
                && r.getSampleModel().getSampleSize(0) == 8;
        if (component && r.getNumBands() == 1) {
            // raw grey levels: getRGB would pass them through a linear-grey colour conversion
            int[] g = r.getSamples(0, 0, w, h, 0, (int[]) null);
            for (int i = 0; i < g.length; i++) {
                rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = (byte) g[i];
            }
        } else if (component && r.getNumBands() >= 3
                && img.getColorModel().getColorSpace().isCS_sRGB()) {
            int bands = r.getNumBands();
            int[] px = r.getPixels(0, 0, w, h, (int[]) null);
            for (int i = 0, n = w * h; i < n; i++) {
                rgb[3 * i] = (byte) px[bands * i];
                rgb[3 * i + 1] = (byte) px[bands * i + 1];
                rgb[3 * i + 2] = (byte) px[bands * i + 2];
            }
        } else {
            int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < argb.length; i++) {
                rgb[3 * i] = (byte) (argb[i] >> 16);
                rgb[3 * i + 1] = (byte) (argb[i] >> 8);
                rgb[3 * i + 2] = (byte) argb[i];
            }
        }
        return rgb;
    }

    /** Packs HWC RGB bytes into a TYPE_INT_RGB image. */
    public static BufferedImage toImage(byte[] rgb, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
            px[i] = (rgb[3 * i] & 0xFF) << 16 | (rgb[3 * i + 1] & 0xFF) << 8 | (rgb[3 * i + 2] & 0xFF);
        }
        return img;
    }

    /** Encodes a JPEG at the given quality (0..1); ImageIO's encoder is deterministic for equal input. */
    public static byte[] encodeJpeg(BufferedImage img, float quality) {
        return encode(img, "jpeg", quality);
    }

    /** Encodes a lossless PNG (palette images stay palette PNGs). */
    public static byte[] encodePng(BufferedImage img) {
        return encode(img, "png", Float.NaN);
    }

    /** Encodes through an in-memory stream (ImageIO.write(img, fmt, OutputStream) goes via a temp file). */
    private static byte[] encode(BufferedImage img, String format, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(img.getWidth() * img.getHeight());
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam p = writer.getDefaultWriteParam();
            if (!Float.isNaN(quality)) {
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(quality);
            }
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
