package dev.edgenas.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.AtomicFiles;
import dev.edgenas.core.Json;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.compare.TableDiff;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.XYChart;

/**
 * Writes a lab-bench report into a folder: {@code index.html} (tables, verdicts, plots, summary),
 * {@code plots/*.png} and {@code *.svg}, {@code summary.txt}. Plots: per operator, the distribution of
 * entry latencies per device (newest tables); the drift of each device's tables over time; per
 * device, a scatter of its newest table against the previous one; and a scatter of an explicit A/B
 * comparison.
 */
public final class BenchReport {
    private BenchReport() {
    }

    public static ReportResult write(ReportInputs in, Path outDir) {
        Map<String, DeviceSeries> devices = DeviceSeries.collect(in.history(), in.tables());
        Map<String, TableDiff> latest = new TreeMap<>();
        Map<String, List<TableDiff>> fromFirst = new LinkedHashMap<>();
        for (DeviceSeries d : devices.values()) {
            TableDiff diff = d.latestVsPrevious(in.options());
            if (diff != null) {
                latest.put(d.name(), diff);
            }
            List<TableDiff> f = new ArrayList<>();
            d.versions().forEach(v -> f.add(TableDiff.compare(d.versions().get(0).file().toString(), d.versions().get(0).table(),
                    v.file().toString(), v.table(), in.options())));
            fromFirst.put(d.name(), f);
        }
        TableDiff ab = null;
        if (in.a() != null) {
            ab = TableDiff.compare(in.a().toString(), LatencyTable.read(in.a()), in.b().toString(), LatencyTable.read(in.b()),
                    in.options());
        }
        JsonNode status = in.status() == null ? null : Json.readTree(in.status());

        List<Plot> plots = new ArrayList<>();
        XYChart drift = ReportCharts.driftOverTime(devices, fromFirst, in.options());
        if (drift != null && devices.values().stream().anyMatch(d -> d.versions().size() > 1)) {
            plots.add(ChartFiles.write(outDir, "drift-over-time", "Drift over time",
                    "Median of the per-kernel ratios of each table to the device's first table; the flat lines are the threshold.", drift));
        }
        for (Map.Entry<String, TableDiff> e : latest.entrySet()) {
            XYChart c = ReportCharts.scatter(e.getValue(), e.getKey() + ": newest table (B) vs previous (A)");
            if (c != null) {
                plots.add(ChartFiles.write(outDir, "scatter-" + ChartFiles.slug(e.getKey()), e.getKey() + ": newest vs previous table",
                        "One point per kernel present in both; points off the threshold lines drifted.", c));
            }
        }
        if (ab != null) {
            XYChart c = ReportCharts.scatter(ab, "Table B vs table A per kernel");
            if (c != null) {
                plots.add(ChartFiles.write(outDir, "scatter-a-b", "Table B vs table A",
                        "One point per kernel present in both tables.", c));
            }
        }
        for (String op : ReportCharts.ops(devices)) {
            BoxChart c = ReportCharts.opDistribution(op, devices);
            if (c != null) {
                plots.add(ChartFiles.write(outDir, "ops-" + ChartFiles.slug(op), op + " latency per device",
                        "Box: quartiles of the entry medians of this operator in each device's newest table; "
                                + "the number of entries is in brackets.", c));
            }
        }
        ReportModel m = new ReportModel(in, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), devices, latest, ab,
                status, plots);
        String summary = ReportSummary.text(m);
        Path html = outDir.resolve("index.html");
        Path txt = outDir.resolve("summary.txt");
        AtomicFiles.writeString(txt, summary);
        AtomicFiles.writeString(html, ReportHtml.render(m, summary));
        return new ReportResult(html, txt, plots, List.copyOf(devices.keySet()), summary, m.driftExceeded());
    }
}
