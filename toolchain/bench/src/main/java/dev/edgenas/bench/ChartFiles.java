package dev.edgenas.bench;

import dev.edgenas.core.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Writes a chart as PNG (XChart's bitmap encoder) and SVG (through VectorGraphics2D). */
final class ChartFiles {
    static final String FOLDER = "plots";

    private ChartFiles() {
    }

    static Plot write(Path reportDir, String name, String title, String caption, Chart<?, ?> chart) {
        // Reports are made by cron jobs and CI without a display.
        System.setProperty("java.awt.headless", "true");
        String png = FOLDER + "/" + name + ".png";
        String svg = FOLDER + "/" + name + ".svg";
        try {
            AtomicFiles.write(reportDir.resolve(png), BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
            AtomicFiles.write(reportDir.resolve(svg),
                    out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + name + " in " + reportDir, e);
        }
        return new Plot(title, caption, png, svg);
    }

    /** A file-name-safe form of a label. */
    static String slug(String s) {
        String t = s.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return t.isEmpty() ? "x" : t;
    }
}
