package dev.edgenas.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * A written report.
 *
 * @param html          the page (index.html)
 * @param summaryFile   the text summary beside it (summary.txt)
 * @param plots         the plots, paths relative to the report folder
 * @param devices       device names covered
 * @param summary       the text summary
 * @param driftExceeded some device's newest table (or the A/B comparison) drifted beyond the threshold
 */
public record ReportResult(Path html, Path summaryFile, List<Plot> plots, List<String> devices, String summary,
                           boolean driftExceeded) {
}
