package dev.edgenas.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.latency.compare.TableDiff;
import java.util.List;
import java.util.Map;

/**
 * Everything a report shows, computed once and rendered as text and HTML.
 *
 * @param inputs      what was asked for
 * @param generatedAt UTC time of the report
 * @param devices     device name -> its table versions
 * @param latestDiffs device name -> newest vs previous version (devices with two or more versions)
 * @param comparison  the explicit A/B comparison, or null
 * @param status      the lab-bench run summary, or null
 * @param plots       the written plots
 */
record ReportModel(ReportInputs inputs, String generatedAt, Map<String, DeviceSeries> devices,
                   Map<String, TableDiff> latestDiffs, TableDiff comparison, JsonNode status, List<Plot> plots) {

    boolean driftExceeded() {
        return latestDiffs.values().stream().anyMatch(d -> d.summary().exceeded())
                || (comparison != null && comparison.summary().exceeded());
    }
}
