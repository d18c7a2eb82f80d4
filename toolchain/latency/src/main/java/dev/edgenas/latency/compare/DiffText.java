package dev.edgenas.latency.compare;

import java.util.List;

/** The human-readable summary of a {@link TableDiff}, as `edgenas table diff` prints it. */
public final class DiffText {
    private DiffText() {
    }

    public static String format(TableDiff d, int top) {
        DriftSummary s = d.summary();
        StringBuilder sb = new StringBuilder();
        sb.append("A: ").append(d.a()).append('\n').append("B: ").append(d.b()).append('\n');
        sb.append(String.format("%d shared keys, %d compared (%d below the %.4f ms noise floor), %d added in B, %d missing from B%n",
                s.shared(), s.compared(), s.belowFloor(), d.options().minMs(), s.added(), s.missing()));
        if (s.compared() > 0) {
            sb.append(String.format("ratio B/A: median %.3f, p10 %.3f, p90 %.3f; p90 change %.1f %%; overhead ratio %.3f%n",
                    s.medianRatio(), s.p10Ratio(), s.p90Ratio(), 100 * s.p90Change(), s.overheadRatio()));
            sb.append(String.format("%d entries (%.1f %%) drifted beyond +-%.0f %%%n", s.drifted(), 100 * s.shareDrifted(),
                    100 * d.options().threshold()));
        }
        List<ProvenanceChange> sig = d.significantProvenance();
        if (!sig.isEmpty()) {
            sb.append("provenance changes:\n");
            sig.forEach(c -> sb.append("  ").append(c).append('\n'));
        }
        List<EntryChange> largest = d.largestChanges(top);
        if (!largest.isEmpty()) {
            sb.append("largest changes:\n");
            for (EntryChange c : largest) {
                sb.append(String.format("  %6.3fx  %9.4f -> %9.4f ms%s  %s%n", c.ratio(), c.aMs(), c.bMs(),
                        c.drifted() ? " *" : "  ", c.key()));
            }
        }
        if (s.exceeded()) {
            sb.append("DRIFT: ").append(String.join("; ", s.reasons()));
            if (!sig.isEmpty()) {
                sb.append(" (provenance changed: ").append(String.join(", ",
                        sig.stream().map(c -> c.category().name().toLowerCase() + " " + c.field().replace("provenance.", "")).distinct().toList())).append(')');
            }
        } else {
            sb.append(s.compared() == 0 ? "no entries to compare" : "no drift beyond the threshold");
        }
        return sb.toString();
    }
}
