package dev.edgenas.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.latency.TableProvenance;
import dev.edgenas.latency.compare.DriftSummary;
import dev.edgenas.latency.compare.ProvenanceChange;
import dev.edgenas.latency.compare.TableDiff;
import dev.edgenas.latency.compare.TableHistory.Version;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Renders a report as one self-contained HTML page; plots are linked files beside it. */
final class ReportHtml {
    private static final String STYLE = "body{font-family:sans-serif;margin:24px;max-width:1200px;color:#222}"
            + "table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #bbb;padding:4px 8px;text-align:left;font-size:14px}"
            + "th{background:#e8eef6}.bad{background:#fbe3e3}.ok{background:#e6f4e6}pre{background:#f4f4f4;padding:10px;white-space:pre-wrap}"
            + ".plots{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0;width:calc(50% - 8px)}img{width:100%;border:1px solid #ddd}"
            + "figcaption{font-size:13px;color:#555}";

    private ReportHtml() {
    }

    static String render(ReportModel m, String summary) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(m.inputs().title())).append("</title><style>").append(STYLE).append("</style></head><body>\n");
        h.append("<h1>").append(esc(m.inputs().title())).append("</h1>\n<p>Generated ").append(esc(m.generatedAt()))
                .append(". Drift threshold ").append(String.format("+-%.0f %%", 100 * m.inputs().options().threshold()))
                .append(" per entry; a table drifted when its median ratio is beyond it or more than ")
                .append(String.format("%.0f %%", 100 * m.inputs().options().maxShare())).append(" of its entries are.</p>\n");
        h.append("<p class=\"").append(m.driftExceeded() ? "bad" : "ok").append("\" id=\"verdict\">")
                .append(m.driftExceeded() ? "Drift beyond the threshold: see the devices marked below."
                        : "No drift beyond the threshold.").append("</p>\n");
        if (m.status() != null) {
            h.append("<h2>Last bench run</h2>\n").append(statusTable(m.status()));
        }
        h.append("<h2>Devices</h2>\n").append(devicesTable(m));
        if (m.comparison() != null) {
            h.append("<h2>Comparison A/B</h2>\n<p>A: ").append(esc(m.comparison().a())).append("<br>B: ")
                    .append(esc(m.comparison().b())).append("</p>\n").append(driftTable(List.of(m.comparison()), List.of("A/B")));
        }
        h.append("<h2>Plots</h2>\n<div class=\"plots\">\n");
        for (Plot p : m.plots()) {
            h.append("<figure><img src=\"").append(esc(p.png())).append("\" alt=\"").append(esc(p.title()))
                    .append("\"><figcaption>").append(esc(p.title())).append(". ").append(esc(p.caption()))
                    .append(" <a href=\"").append(esc(p.svg())).append("\">SVG</a></figcaption></figure>\n");
        }
        h.append("</div>\n<h2>Summary</h2>\n<pre id=\"summary\">").append(esc(summary)).append("</pre>\n</body></html>\n");
        return h.toString();
    }

    private static String devicesTable(ReportModel m) {
        List<String[]> rows = new ArrayList<>();
        List<TableDiff> diffs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (DeviceSeries d : m.devices().values()) {
            Version v = d.latest();
            TableProvenance p = v.table().provenance();
            rows.add(new String[] {d.name(), p.deviceId(), p.deviceDescription(), p.platform() + (p.simulated() ? " (simulated)" : ""),
                p.runtime() + " " + p.runtimeVersion(), p.precision() + ", " + p.threads() + " thr",
                Integer.toString(d.versions().size()), v.date().toString(),
                v.table().size() + (v.table().complete() ? "" : " (incomplete)")});
            if (m.latestDiffs().containsKey(d.name())) {
                diffs.add(m.latestDiffs().get(d.name()));
                names.add(d.name());
            }
        }
        String t = table(new String[] {"device", "id", "description", "platform", "runtime", "settings", "versions",
            "newest", "entries"}, rows, null);
        return diffs.isEmpty() ? t : t + "<h3>Newest table vs the previous one</h3>\n" + driftTable(diffs, names);
    }

    private static String driftTable(List<TableDiff> diffs, List<String> names) {
        List<String[]> rows = new ArrayList<>();
        List<Boolean> bad = new ArrayList<>();
        for (int i = 0; i < diffs.size(); i++) {
            DriftSummary s = diffs.get(i).summary();
            rows.add(new String[] {names.get(i), Integer.toString(s.compared()), fmt(s.medianRatio()), fmt(s.p10Ratio()),
                fmt(s.p90Ratio()), String.format("%.1f %%", 100 * s.shareDrifted()), s.added() + " / " + s.missing(),
                String.join("; ", diffs.get(i).significantProvenance().stream().map(ProvenanceChange::toString).toList()),
                s.exceeded() ? "DRIFT: " + String.join("; ", s.reasons()) : "ok"});
            bad.add(s.exceeded());
        }
        return table(new String[] {"device", "compared", "median B/A", "p10", "p90", "drifted", "added / missing",
            "provenance changes", "verdict"}, rows, bad);
    }

    private static String statusTable(JsonNode status) {
        List<String[]> rows = new ArrayList<>();
        List<Boolean> bad = new ArrayList<>();
        for (JsonNode d : status.path("devices")) {
            String st = d.path("status").asText("");
            rows.add(new String[] {d.path("name").asText(""), st, d.path("detail").asText("")});
            bad.add(!st.startsWith("ok"));
        }
        String head = "<p>" + esc(ReportSummary.statusLine(status).lines().findFirst().orElse("")) + "</p>\n";
        return head + table(new String[] {"device", "status", "detail"}, rows, bad);
    }

    private static String table(String[] head, List<String[]> rows, List<Boolean> bad) {
        StringBuilder t = new StringBuilder("<table><tr>");
        for (String c : head) {
            t.append("<th>").append(esc(c)).append("</th>");
        }
        t.append("</tr>\n");
        Iterator<Boolean> b = bad == null ? null : bad.iterator();
        for (String[] r : rows) {
            t.append(b == null ? "<tr>" : b.next() ? "<tr class=\"bad\">" : "<tr class=\"ok\">");
            for (String c : r) {
                t.append("<td>").append(esc(c)).append("</td>");
            }
            t.append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.3f", v);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
