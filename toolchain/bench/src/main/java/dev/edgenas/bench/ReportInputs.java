package dev.edgenas.bench;

import dev.edgenas.latency.compare.DriftOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * What a report covers.
 *
 * @param title   page title
 * @param history lab-bench history folder ({@code <device>/<YYYY-MM-DD>.json}), or null
 * @param tables  further single tables, each shown as its own device
 * @param a       table A of an explicit comparison (with b), or null
 * @param b       table B of an explicit comparison, or null
 * @param status  a lab-bench run summary (JSON) to show on top, or null
 * @param options drift thresholds
 */
public record ReportInputs(String title, Path history, List<Path> tables, Path a, Path b, Path status,
                           DriftOptions options) {
    public ReportInputs {
        tables = tables == null ? List.of() : List.copyOf(tables);
        if ((a == null) != (b == null)) {
            throw new IllegalArgumentException("give both tables of a comparison, A and B");
        }
        if (history == null && tables.isEmpty() && a == null) {
            throw new IllegalArgumentException("nothing to report: give a history folder, tables or A and B");
        }
    }
}
