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

/**
 * The front against the random baseline and the full model, as PNG and SVG; after a final stage also each
 * fine-tuned network as an arrow from its proxy mIoU up (or down) to its final mIoU, and the pick.
 */
final class FrontPlot {
    private FrontPlot() {
    }

    /**
     * x: the first latency table (or MACs in millions), y: proxy mIoU; with several devices (tables), x is each
     * device's latency relative to the pretrained model on it, and every device's front and pick are drawn
     * ({@link #devices}).
     */
    static void write(Path dir, String xLabel, List<CandidateScore> nsga, List<CandidateScore> random,
                      CandidateScore full, boolean latency, List<ParetoEntry> pareto, FinalPick pick,
                      List<DeviceFronts.Device> devices) {
        if (devices != null && devices.size() > 1) {
            save(dir, devices(full, pareto, devices));
            return;
        }
        XYChart c = new XYChartBuilder().width(800).height(560).title("Pareto front: mIoU vs " + xLabel)
                .xAxisTitle(xLabel).yAxisTitle("mIoU (proxy on the subset; fine-tuned: whole val split)").build();
        if (nsga != null && !nsga.isEmpty()) {
            series(c, "NSGA-II front", nsga, latency).setMarker(SeriesMarkers.CIRCLE);
        }
        if (random != null && !random.isEmpty()) {
            series(c, "random search front", random, latency).setMarker(SeriesMarkers.DIAMOND);
        }
        tuned(c, pareto, latency);
        if (pick != null && pick.network() != null && pick.network().finalMiou() != null) {
            ParetoEntry p = pick.network();
            String name = pick.speedup() == null ? String.format("pick: %+.2f points", -100 * pick.drop())
                    : String.format("pick: %.2fx%s, %+.2f points", pick.speedup(), pick.measured() ? "" : " (predicted)",
                    -100 * pick.drop());
            XYSeries ps = c.addSeries(name,
                    new double[] {x(p, latency)}, new double[] {p.finalMiou()});
            ps.setMarker(SeriesMarkers.CROSS);
            ps.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        XYSeries f = series(c, "full model", List.of(full), latency);
        f.setMarker(SeriesMarkers.SQUARE);
        f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        save(dir, c);
    }

    /**
     * Each device's front (proxy mIoU vs latency over the pretrained model's on that device), its pick (final mIoU
     * at its speed-up, measured or by the table), the fine-tuned networks' arrows at the first device's x.
     */
    static XYChart devices(CandidateScore full, List<ParetoEntry> pareto, List<DeviceFronts.Device> devices) {
        XYChart c = new XYChartBuilder().width(800).height(560).title("Pareto front per device")
                .xAxisTitle("latency relative to the pretrained model on each device (table)")
                .yAxisTitle("mIoU (proxy on the subset; fine-tuned: whole val split)").build();
        for (int t = 0; t < devices.size(); t++) {
            DeviceFronts.Device d = devices.get(t);
            final int tt = t;
            List<ParetoEntry> front = d.front().stream().map(g -> pareto.stream().filter(e -> e.genome().equals(g))
                    .findFirst().orElseThrow()).toList();
            double[] x = front.stream().mapToDouble(e -> e.latencyMs().get(tt) / full.latencyMs().get(tt)).toArray();
            double[] y = front.stream().mapToDouble(ParetoEntry::proxyMiou).toArray();
            c.addSeries("front: " + d.table() + " (" + d.device() + ")", x, y).setMarker(SeriesMarkers.CIRCLE);
            if (d.pick() != null) {
                XYSeries ps = c.addSeries(String.format("pick on %s: %.2fx%s, %+.2f points", d.table(), d.speedup(),
                        d.measured() ? "" : " (table)", -100 * d.drop()), new double[] {1 / d.speedup()},
                        new double[] {d.pick().finalMiou()});
                ps.setMarker(SeriesMarkers.CROSS);
                ps.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
        }
        List<ParetoEntry> rel = pareto.stream().map(e -> new ParetoEntry(e.genome(), e.proxyMiou(), e.finalMiou(),
                List.of(e.latencyMs().get(0) / full.latencyMs().get(0)), e.macs(), e.params(), e.file(),
                e.screenMiou(), e.finetuneImages(), e.measuredMs())).toList();
        tuned(c, rel, true);
        XYSeries f = c.addSeries("full model", new double[] {1}, new double[] {full.miou()});
        f.setMarker(SeriesMarkers.SQUARE);
        f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        return c;
    }

    private static void save(Path dir, XYChart c) {
        try {
            AtomicFiles.write(dir.resolve("front.png"), BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG));
            AtomicFiles.write(dir.resolve("front.svg"),
                    out -> VectorGraphicsEncoder.saveVectorGraphic(c, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the front plot in " + dir, e);
        }
    }

    /** proxy -> final mIoU of each fine-tuned network: a line ending in a triangle (the arrow's head). */
    private static void tuned(XYChart c, List<ParetoEntry> pareto, boolean latency) {
        if (pareto == null) {
            return;
        }
        boolean first = true;
        for (ParetoEntry e : pareto) {
            if (e.finalMiou() == null) {
                continue;
            }
            double x = x(e, latency);
            XYSeries line = c.addSeries(first ? "fine-tuned: proxy -> final" : "ft " + e.genome(),
                    new double[] {x, x}, new double[] {e.proxyMiou(), e.finalMiou()});
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(java.awt.Color.DARK_GRAY);
            line.setShowInLegend(first);
            XYSeries head = c.addSeries("head " + e.genome(), new double[] {x}, new double[] {e.finalMiou()});
            head.setMarker(e.finalMiou() >= e.proxyMiou() ? SeriesMarkers.TRIANGLE_UP : SeriesMarkers.TRIANGLE_DOWN);
            head.setMarkerColor(java.awt.Color.DARK_GRAY);
            head.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            head.setShowInLegend(false);
            first = false;
        }
    }

    private static double x(ParetoEntry e, boolean latency) {
        return latency ? e.latencyMs().get(0) : e.macs() / 1e6;
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
