package dev.edgenas.bench;

import dev.edgenas.core.BadInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Size and content of a PNG: tells a rendered page from a blank one.
 *
 * @param width          pixels
 * @param height         pixels
 * @param nonWhiteShare  share of pixels that are not (near) white
 * @param distinctColors distinct RGB colours, capped at 4096
 */
public record ImageStats(int width, int height, double nonWhiteShare, int distinctColors) {
    private static final int COLOR_CAP = 4096;

    public static ImageStats of(Path png) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img;
        try {
            img = ImageIO.read(png.toFile());
        } catch (IOException e) {
            throw BadInputException.at(png, null, "cannot read the image: " + e.getMessage());
        }
        if (img == null) {
            throw BadInputException.at(png, null, "not an image ImageIO can read");
        }
        long nonWhite = 0;
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (r < 245 || g < 245 || b < 245) {
                    nonWhite++;
                }
                if (colors.size() < COLOR_CAP) {
                    colors.add(rgb);
                }
            }
        }
        return new ImageStats(img.getWidth(), img.getHeight(), (double) nonWhite / ((long) img.getWidth() * img.getHeight()),
                colors.size());
    }
}
