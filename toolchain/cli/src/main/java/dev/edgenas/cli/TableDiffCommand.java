package dev.edgenas.cli;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.compare.DiffText;
import dev.edgenas.latency.compare.DriftOptions;
import dev.edgenas.latency.compare.TableDiff;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two latency tables (two dates of one device, or two devices): per-kernel ratios B/A, "
            + "a drift summary (median, p10, p90 ratio; share of entries beyond the threshold), keys added or missing, "
            + "and the provenance changes that explain a drift (runtime, firmware, clocks, thermals, settings).",
            "An entry drifted when B/A is beyond 1+-threshold (log-symmetric) and the change exceeds its two confidence "
                + "intervals; the tables drifted when the median ratio is beyond the threshold, or when more than "
                + "--max-share of the entries (and at least 3) drifted."},
        footer = {"%nExit codes: 0 compared (also with drift, unless --fail-on-drift); 1 drift beyond the threshold "
            + "with --fail-on-drift; 3 a table is missing or invalid.",
            "%nExamples:", "  edgenas table diff latency-tables/history/android-X/2026-03-01.json latency-tables/history/android-X/current.json",
            "  edgenas table diff old.json new.json --threshold 0.05 --fail-on-drift",
            "  edgenas table diff a.json b.json --json | jq .summary"})
final class TableDiffCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    Thresholds thresholds;

    @Parameters(index = "0", paramLabel = "A", description = "Reference table (older, or the other device).")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "Table compared with A.")
    Path b;

    @Option(names = "--top", defaultValue = "10", description = "Largest changes to list (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--fail-on-drift", description = "Exit with 1 when the tables drifted beyond the threshold.")
    boolean failOnDrift;

    /** Drift thresholds shared by diff and report. */
    static final class Thresholds {
        @Option(names = "--threshold", defaultValue = "0.10",
                description = "Relative change that makes an entry drifted (default ${DEFAULT-VALUE} = +-10 %%).")
        double threshold;

        @Option(names = "--max-share", defaultValue = "0.10",
                description = "Share of drifted entries (at least 3) above which the table drifted (default ${DEFAULT-VALUE}).")
        double maxShare;

        @Option(names = "--min-ms", defaultValue = "0.005",
                description = "Noise floor in ms: entries below it in both tables are not compared (default ${DEFAULT-VALUE}).")
        double minMs;

        DriftOptions options() {
            try {
                return new DriftOptions(threshold, maxShare, minMs);
            } catch (IllegalArgumentException e) {
                throw new EdgenasException(ExitCode.USAGE, e.getMessage());
            }
        }
    }

    /**
     * The machine-state factor between the two tables' reference workloads (B / A) and the entries' median ratio
     * divided by it; null unless both tables carry a reference workload of the same kernels.
     */
    static Map<String, Object> machineState(LatencyTable a, LatencyTable b, double medianRatio) {
        if (a.reference() == null || b.reference() == null || !a.reference().keys().equals(b.reference().keys())) {
            return null;
        }
        double factor = b.reference().totalMs() / a.reference().totalMs();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("aMs", a.reference().totalMs());
        m.put("bMs", b.reference().totalMs());
        m.put("factor", factor);
        m.put("medianRatioWithoutState", medianRatio / factor);
        return m;
    }

    @Override
    public Integer call() {
        DriftOptions o = thresholds.options();
        a = TableNames.resolve(a);
        b = TableNames.resolve(b);
        LatencyTable ta = LatencyTable.read(a);
        LatencyTable tb = LatencyTable.read(b);
        TableDiff d = TableDiff.compare(a.toString(), ta, b.toString(), tb, o);
        Map<String, Object> state = machineState(ta, tb, d.summary().medianRatio());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("a", d.a());
        r.put("b", d.b());
        r.put("driftExceeded", d.summary().exceeded());
        r.put("options", o);
        r.put("summary", d.summary());
        r.put("significantProvenance", d.significantProvenance());
        r.put("provenance", d.provenance());
        r.put("addedKeys", d.addedKeys());
        r.put("missingKeys", d.missingKeys());
        r.put("entries", d.entries());
        r.put("machineState", state);
        String text = DiffText.format(d, top);
        if (state != null) {
            text += String.format("%nmachine state: the reference workload took %.4f ms in B vs %.4f ms in A (factor "
                    + "%.3f); entries' median B/A without it: %.3f (%s)", state.get("bMs"), state.get("aMs"),
                    state.get("factor"), state.get("medianRatioWithoutState"),
                    Math.abs((Double) state.get("medianRatioWithoutState") - 1) <= o.threshold()
                            ? "the change is the machine's state, not the kernels'"
                            : "the kernels changed beyond the machine's state");
        }
        common.print(r, text);
        return failOnDrift && d.summary().exceeded() ? ExitCode.FAILURE.code() : 0;
    }
}
