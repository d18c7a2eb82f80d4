package dev.edgenas.search;

import dev.edgenas.core.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The front against the random baseline and the full model, as PNG and SVG. */
final class FrontPlot {
    private FrontPlot() {
    }

    /** x: the first latency table (or MACs in millions), y: proxy mIoU. */
    static void write(Path dir, String xLabel, List<CandidateScore> nsga, List<CandidateScore> random,
                      CandidateScore full, boolean latency) {
        XYChart c = new XYChartBuilder().width(800).height(560).title("Pareto front: proxy mIoU vs " + xLabel)
                .xAxisTitle(xLabel).yAxisTitle("proxy mIoU").build();
        if (nsga != null && !nsga.isEmpty()) {
            series(c, "NSGA-II front", nsga, latency).setMarker(SeriesMarkers.CIRCLE);
        }
        if (random != null && !random.isEmpty()) {
            series(c, "random search front", random, latency).setMarker(SeriesMarkers.DIAMOND);
        }
        XYSeries f = series(c, "full model", List.of(full), latency);
        f.setMarker(SeriesMarkers.SQUARE);
        f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        try {
            AtomicFiles.write(dir.resolve("front.png"), BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG));
            AtomicFiles.write(dir.resolve("front.svg"),
                    out -> VectorGraphicsEncoder.saveVectorGraphic(c, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the front plot in " + dir, e);
        }
    }

    private static XYSeries series(XYChart c, String name, List<CandidateScore> pts, boolean latency) {
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = latency ? pts.get(i).latencyMs().get(0) : pts.get(i).macs() / 1e6;
            y[i] = pts.get(i).miou();
        }
        return c.addSeries(name, x, y);
    }
}
