package dev.edgenas.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.latency.TableProvenance;
import dev.edgenas.latency.compare.DiffText;
import dev.edgenas.latency.compare.DriftSummary;
import dev.edgenas.latency.compare.ProvenanceChange;
import dev.edgenas.latency.compare.TableDiff;
import dev.edgenas.latency.compare.TableHistory.Version;
import java.util.stream.Collectors;

/** The report's short text summary: one paragraph per device, the A/B comparison, the bench run's status. */
final class ReportSummary {
    private ReportSummary() {
    }

    static String text(ReportModel m) {
        StringBuilder sb = new StringBuilder();
        sb.append(m.inputs().title()).append(" (").append(m.generatedAt()).append(")\n");
        if (m.status() != null) {
            sb.append(statusLine(m.status())).append('\n');
        }
        for (DeviceSeries d : m.devices().values()) {
            sb.append(deviceLine(d, m.latestDiffs().get(d.name()))).append('\n');
        }
        if (m.comparison() != null) {
            sb.append("comparison A/B:\n").append(DiffText.format(m.comparison(), 5).indent(2));
        }
        sb.append(m.driftExceeded() ? "RESULT: drift beyond the threshold, see above\n" : "RESULT: no drift beyond the threshold\n");
        return sb.toString();
    }

    static String deviceLine(DeviceSeries d, TableDiff diff) {
        Version v = d.latest();
        TableProvenance p = v.table().provenance();
        StringBuilder sb = new StringBuilder(String.format("%s: %s, %s %s%s, %s %s, %d table(s); newest %s: %d entries%s",
                d.name(), p.deviceId(), p.platform(), p.deviceDescription(), p.simulated() ? " [simulated]" : "",
                p.runtime(), p.runtimeVersion(), d.versions().size(), v.date(), v.table().size(),
                v.table().complete() ? "" : " (INCOMPLETE)"));
        if (diff != null) {
            sb.append(driftText(diff));
        }
        return sb.toString();
    }

    /** "; vs previous: median ratio ..., drift or ok, provenance changes". */
    static String driftText(TableDiff diff) {
        DriftSummary s = diff.summary();
        StringBuilder sb = new StringBuilder();
        if (s.compared() == 0) {
            sb.append("; vs previous: no shared entries to compare");
        } else {
            sb.append(String.format("; vs previous: median ratio %.3f, p90 change %.1f %%, %d of %d drifted",
                    s.medianRatio(), 100 * s.p90Change(), s.drifted(), s.compared()));
        }
        if (s.added() + s.missing() > 0) {
            sb.append(String.format(", %d added, %d missing", s.added(), s.missing()));
        }
        sb.append(s.exceeded() ? " -> DRIFT (" + String.join("; ", s.reasons()) + ")" : " -> ok");
        if (!diff.significantProvenance().isEmpty()) {
            sb.append("; changed: ").append(diff.significantProvenance().stream().map(ProvenanceChange::toString)
                    .collect(Collectors.joining(", ")));
        }
        return sb.toString();
    }

    static String statusLine(JsonNode status) {
        StringBuilder sb = new StringBuilder("bench run");
        for (String f : new String[] {"startedAt", "finishedAt", "exitCode", "needsAttention"}) {
            if (status.has(f)) {
                sb.append(' ').append(f).append('=').append(status.get(f).asText());
            }
        }
        if (status.has("devices")) {
            for (JsonNode d : status.get("devices")) {
                sb.append("\n  ").append(d.path("name").asText("?")).append(": ").append(d.path("status").asText("?"));
                if (d.hasNonNull("detail") && !d.get("detail").asText().isEmpty()) {
                    sb.append(" - ").append(d.get("detail").asText());
                }
            }
        }
        return sb.toString();
    }
}
