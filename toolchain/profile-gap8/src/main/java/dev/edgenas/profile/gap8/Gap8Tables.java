package dev.edgenas.profile.gap8;

import dev.edgenas.gap8.Gap8Options;
import dev.edgenas.gap8.Gap8Platform;
import dev.edgenas.gap8.Gap8Profiler;
import dev.edgenas.gap8.Gap8RunReport;
import dev.edgenas.gap8.codegen.KernelPlan;
import dev.edgenas.gap8.codegen.KernelPlanner;
import dev.edgenas.gap8.codegen.UnsupportedKernelException;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.TableEntry;
import dev.edgenas.latency.TableProvenance;
import dev.edgenas.profile.BackendConfig;
import dev.edgenas.profile.DeviceFacts;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the {@code profile} command does around the shared TableProfiler for GAP8. */
public final class Gap8Tables {
    /** Prefix of the provenance facts that list kernels GAP8 cannot run, one per key. */
    public static final String UNSUPPORTED_PREFIX = "unsupported ";

    private Gap8Tables() {
    }

    /**
     * Kernels the firmware cannot run, with the reason (no en_* kernel, not int8, more than the L2
     * budget): the same checks Gap8Profiler makes before building, so none of them reaches the device.
     */
    public static Map<String, String> unsupported(Collection<KernelKey> keys, Gap8Options o) {
        Map<String, String> out = new TreeMap<>();
        for (KernelKey k : keys) {
            try {
                KernelPlan p = KernelPlanner.plan(k);
                if (p.workingSetBytes() > o.l2Budget()) {
                    out.put(k.canonical(), "working set " + p.workingSetBytes() / 1024 + " KiB exceeds the "
                            + o.l2Budget() / 1024 + " KiB L2 budget; on GAP8 it needs tiling through HyperRAM");
                }
            } catch (UnsupportedKernelException e) {
                out.put(k.canonical(), e.getMessage());
            }
        }
        return out;
    }

    /** Generates the firmware projects and lists the commands a run would execute; runs nothing. */
    public static Gap8RunReport dryRun(List<KernelKey> keys, BackendConfig config) {
        Map<String, String> opts = new LinkedHashMap<>(config.options());
        opts.put(Gap8Settings.DRY_RUN, "true");
        Gap8Options o = Gap8Settings.of(new BackendConfig(config.device(), config.threads(), config.precision(), opts));
        return Gap8Profiler.run(keys, o, r -> { });
    }

    /** latency-tables name: gap8-BOARD-fcF-clC.json, gap8-gvsoc-BOARD-..., gap8-host-sim-... */
    public static String defaultFileName(BackendConfig config) {
        Map<String, String> opts = new LinkedHashMap<>(config.options());
        opts.put(Gap8Settings.DRY_RUN, "true"); // naming needs no port
        Gap8Options o = Gap8Settings.of(new BackendConfig(config.device(), config.threads(), config.precision(), opts));
        String where = switch (o.platform()) {
            case BOARD -> o.board();
            case GVSOC -> "gvsoc-" + o.board();
            case HOST_SIM -> Gap8Platform.HOST_SIM.id();
        };
        return ("gap8-" + where + "-fc" + o.fcHz() / 1_000_000 + "-cl" + o.clHz() / 1_000_000).replaceAll("[^A-Za-z0-9._-]", "_")
                + ".json";
    }

    /**
     * The finished table with what the shared profiler does not know: every figure also in cycles at
     * the recorded cluster clock (units.cycles), the unsupported kernels with their reasons, and the
     * kernels that ran from L2 or failed their checksum, in the provenance facts.
     */
    public static LatencyTable finish(LatencyTable t, Gap8Backend backend, Map<String, String> unsupported) {
        long hz = t.provenance().clocksHz().get(DeviceFacts.COMPUTE_CLOCK);
        Map<String, TableEntry> entries = new TreeMap<>();
        t.entries().forEach((k, e) -> entries.put(k, withCycles(e, hz)));
        TableProvenance p = t.provenance();
        Map<String, String> facts = new TreeMap<>(p.facts() == null ? Map.of() : p.facts());
        facts.keySet().removeIf(k -> k.startsWith(UNSUPPORTED_PREFIX));
        facts.put("unsupportedKernels", Integer.toString(unsupported.size()));
        unsupported.forEach((k, why) -> facts.put(UNSUPPORTED_PREFIX + k, why));
        // a resumed run only saw its own kernels: keep what earlier runs recorded
        facts.put("kernelsFromL2", union(facts.get("kernelsFromL2"), backend.kernelsFromL2()));
        facts.put("checksumMismatches", union(facts.get("checksumMismatches"), backend.checksumMismatches()));
        TableProvenance q = p.withFacts(facts);
        LatencyTable.Overhead o = new LatencyTable.Overhead(withCycles(t.overhead().emptyRun(), hz), t.overhead().accounting());
        return new LatencyTable(t.format(), t.formatVersion(), t.complete(), q, new LatencyTable.Units("ms", "cycles"),
                t.measurement(), o, new TreeMap<>(entries));
    }

    /**
     * A checkpoint in the finished table's units: every entry (and the overhead) also in cycles at
     * the recorded cluster clock, so an interrupted GAP8 table is never a table without cycles.
     */
    public static LatencyTable withCycles(LatencyTable t) {
        Long hz = t.provenance().clocksHz() == null ? null : t.provenance().clocksHz().get(DeviceFacts.COMPUTE_CLOCK);
        if (hz == null) {
            return t;
        }
        Map<String, TableEntry> entries = new TreeMap<>();
        t.entries().forEach((k, e) -> entries.put(k, withCycles(e, hz)));
        LatencyTable.Overhead o = new LatencyTable.Overhead(withCycles(t.overhead().emptyRun(), hz), t.overhead().accounting());
        return new LatencyTable(t.format(), t.formatVersion(), t.complete(), t.provenance(),
                new LatencyTable.Units("ms", "cycles"), t.measurement(), o, new TreeMap<>(entries));
    }

    private static String union(String earlier, java.util.Set<String> now) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(now);
        if (earlier != null && !earlier.isBlank()) {
            all.addAll(List.of(earlier.split(" ")));
        }
        return String.join(" ", all);
    }

    static TableEntry withCycles(TableEntry e, long hz) {
        double f = hz / 1000.0; // cycles per ms
        return e.withCycles(new TableEntry.CycleStats(Math.round(e.median() * f), Math.round(e.mean() * f),
                Math.round(e.p10() * f), Math.round(e.p90() * f)));
    }
}
