package dev.edgenas.bench;

import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.TableEntry;
import dev.edgenas.latency.compare.DriftOptions;
import dev.edgenas.latency.compare.EntryChange;
import dev.edgenas.latency.compare.TableDiff;
import dev.edgenas.latency.compare.TableHistory.Version;
import java.awt.Color;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, built with XChart. */
final class ReportCharts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 540;
    private static final Color OK = new Color(31, 119, 180);
    private static final Color DRIFTED = new Color(214, 39, 40);

    private ReportCharts() {
    }

    /** The operators present in any device's newest table. */
    static TreeSet<String> ops(Map<String, DeviceSeries> devices) {
        TreeSet<String> ops = new TreeSet<>();
        devices.values().forEach(d -> d.latest().table().entries().keySet().forEach(k -> ops.add(opOf(k))));
        return ops;
    }

    static String opOf(String key) {
        int semi = key.indexOf(';');
        return semi < 0 ? key : key.substring(0, semi);
    }

    /** One box per device: the distribution of the op's entry latencies in its newest table (null: none has it). */
    static BoxChart opDistribution(String op, Map<String, DeviceSeries> devices) {
        BoxChart c = new BoxChartBuilder().width(WIDTH).height(HEIGHT).title(op + ": entry latency per device (newest tables)")
                .xAxisTitle("device").yAxisTitle("kernel latency [ms], log scale").build();
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setLegendVisible(false);
        boolean any = false;
        for (DeviceSeries d : devices.values()) {
            LatencyTable t = d.latest().table();
            List<Double> ms = new ArrayList<>();
            for (Map.Entry<String, TableEntry> e : t.entries().entrySet()) {
                double v = t.netMs(e.getValue());
                if (opOf(e.getKey()).equals(op) && v > 0) {
                    ms.add(v);
                }
            }
            if (!ms.isEmpty()) {
                c.addSeries(d.name() + " (" + ms.size() + ")", ms);
                any = true;
            }
        }
        return any ? c : null;
    }

    /** Median ratio of every version to the device's first version, over time, one line per device. */
    static XYChart driftOverTime(Map<String, DeviceSeries> devices, Map<String, List<TableDiff>> fromFirst, DriftOptions o) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Drift over time: median latency ratio to the first table")
                .xAxisTitle("table date").yAxisTitle("median ratio to first table").build();
        c.getStyler().setDatePattern("yyyy-MM-dd");
        c.getStyler().setMarkerSize(8);
        List<Date> span = new ArrayList<>();
        for (DeviceSeries d : devices.values()) {
            List<Date> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<TableDiff> diffs = fromFirst.get(d.name());
            for (int i = 0; i < d.versions().size(); i++) {
                double r = diffs.get(i).summary().medianRatio();
                if (!Double.isNaN(r)) {
                    x.add(dateOf(d.versions().get(i)));
                    y.add(r);
                }
            }
            if (!x.isEmpty()) {
                c.addSeries(d.name(), x, y).setMarker(SeriesMarkers.CIRCLE);
                span.add(x.get(0));
                span.add(x.get(x.size() - 1));
            }
        }
        if (span.isEmpty()) {
            return null;
        }
        Date lo = span.stream().min(Date::compareTo).orElseThrow();
        Date hi = span.stream().max(Date::compareTo).orElseThrow();
        band(c, "+" + pct(o), List.of(lo, hi), 1 + o.threshold());
        band(c, "-" + pct(o), List.of(lo, hi), 1 / (1 + o.threshold()));
        return c;
    }

    /** Per kernel, B against A on log-log axes, with the identity and the threshold lines. */
    static XYChart scatter(TableDiff d, String title) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("A: kernel latency [ms]").yAxisTitle("B: kernel latency [ms]").build();
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setMarkerSize(6);
        List<EntryChange> ok = d.entries().stream().filter(e -> e.compared() && !e.drifted()).toList();
        List<EntryChange> drifted = d.entries().stream().filter(EntryChange::drifted).toList();
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (EntryChange e : d.entries()) {
            if (e.compared()) {
                double a = Math.max(e.aMs(), d.options().minMs());
                double b = Math.max(e.bMs(), d.options().minMs());
                lo = Math.min(lo, Math.min(a, b));
                hi = Math.max(hi, Math.max(a, b));
            }
        }
        if (hi == 0) {
            return null;
        }
        points(c, "within +-" + pct(d.options()) + " (" + ok.size() + ")", ok, d.options(), OK);
        points(c, "drifted (" + drifted.size() + ")", drifted, d.options(), DRIFTED);
        double t = 1 + d.options().threshold();
        line(c, "B = A", lo, hi, 1).setLineStyle(SeriesLines.SOLID);
        line(c, "B = A x " + String.format("%.2f", t), lo, hi, t);
        line(c, "B = A / " + String.format("%.2f", t), lo, hi, 1 / t);
        return c;
    }

    private static void points(XYChart c, String name, List<EntryChange> pts, DriftOptions o, Color color) {
        if (pts.isEmpty()) {
            return;
        }
        double[] x = pts.stream().mapToDouble(e -> Math.max(e.aMs(), o.minMs())).toArray();
        double[] y = pts.stream().mapToDouble(e -> Math.max(e.bMs(), o.minMs())).toArray();
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
    }

    private static XYSeries line(XYChart c, String name, double lo, double hi, double factor) {
        return guide(c.addSeries(name, new double[] {lo, hi}, new double[] {lo * factor, hi * factor}));
    }

    private static void band(XYChart c, String name, List<Date> x, double y) {
        guide(c.addSeries(name, x, List.of(y, y)));
    }

    /** Reference lines: grey and dashed, so the data stands out. */
    private static XYSeries guide(XYSeries s) {
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(Color.GRAY);
        s.setLineStyle(SeriesLines.DASH_DASH);
        return s;
    }

    private static String pct(DriftOptions o) {
        return String.format("%.0f %%", 100 * o.threshold());
    }

    private static Date dateOf(Version v) {
        return Date.from(v.date().atStartOfDay().toInstant(ZoneOffset.UTC));
    }
}
