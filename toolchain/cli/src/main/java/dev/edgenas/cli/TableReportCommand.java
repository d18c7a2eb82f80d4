package dev.edgenas.cli;

import dev.edgenas.bench.BenchReport;
import dev.edgenas.bench.HeadlessBrowser;
import dev.edgenas.bench.ImageStats;
import dev.edgenas.bench.ReportInputs;
import dev.edgenas.bench.ReportResult;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write an HTML report comparing devices and table versions: per-operator latency distributions "
            + "per device, drift over time from a lab-bench history folder, per-kernel scatter plots of each device's "
            + "newest vs previous table (and of --compare A B); PNG and SVG plots beside index.html, plus summary.txt.",
        footer = {"%nExit codes: 0 written (also with drift, unless --fail-on-drift); 1 drift beyond the threshold "
            + "with --fail-on-drift; 3 a table or the history is invalid; 4 --screenshot without Chromium.",
            "%nExamples:", "  edgenas table report --history latency-tables/history --out work/bench-report",
            "  edgenas table report --table latency-tables/cpu-x86.json --table phone.json --out /tmp/r",
            "  edgenas table report --compare old.json new.json --out /tmp/r --screenshot /tmp/r.png"})
final class TableReportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    TableDiffCommand.Thresholds thresholds;

    @Option(names = "--history", description = "Lab-bench history folder: DEVICE/YYYY-MM-DD.json.")
    Path history;

    @Option(names = "--table", description = "A further table, shown as its own device (repeatable).")
    List<Path> tables;

    @Option(names = "--compare", arity = "2", paramLabel = "TABLE", description = "Two tables A B to compare kernel by kernel.")
    List<Path> compare;

    @Option(names = "--status", description = "A lab-bench run summary (JSON) to show on top of the page.")
    Path status;

    @Option(names = "--title", defaultValue = "edgenas lab bench report", description = "Page title.")
    String title;

    @Option(names = "--out", required = true, description = "Report folder (index.html, summary.txt, plots/).")
    Path out;

    @Option(names = "--screenshot", description = "Also render the page in headless Chromium into this PNG (1280x2000).")
    Path screenshot;

    @Option(names = "--fail-on-drift", description = "Exit with 1 when a device's newest table (or A/B) drifted.")
    boolean failOnDrift;

    @Override
    public Integer call() {
        ReportInputs in;
        try {
            in = new ReportInputs(title, history, tables, compare == null ? null : compare.get(0),
                    compare == null ? null : compare.get(1), status, thresholds.options());
        } catch (IllegalArgumentException e) {
            throw new EdgenasException(ExitCode.USAGE, e.getMessage());
        }
        ReportResult r = BenchReport.write(in, out);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("html", r.html().toString());
        j.put("summaryFile", r.summaryFile().toString());
        j.put("devices", r.devices());
        j.put("plots", r.plots());
        j.put("driftExceeded", r.driftExceeded());
        StringBuilder text = new StringBuilder(r.summary());
        text.append(String.format("report: %s (%d plots)", r.html().toAbsolutePath().toUri(), r.plots().size()));
        if (screenshot != null) {
            HeadlessBrowser.screenshot(r.html(), screenshot, 1280, 2000);
            ImageStats s = ImageStats.of(screenshot);
            j.put("screenshot", screenshot.toString());
            j.put("screenshotStats", s);
            text.append(String.format("%nscreenshot: %s (%dx%d, %.1f %% non-white)", screenshot, s.width(), s.height(),
                    100 * s.nonWhiteShare()));
        }
        j.put("summary", r.summary());
        common.print(j, text.toString());
        return failOnDrift && r.driftExceeded() ? ExitCode.FAILURE.code() : 0;
    }
}
