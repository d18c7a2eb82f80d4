package dev.edgenas.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One front and one pick per latency table of a run (search --latency-table A --latency-table B): the search
 * optimises one latency objective per table, so its Pareto set holds each device's trade-off; this cuts it per
 * device. A device's front: the Pareto networks not dominated on (proxy mIoU, that table's latency). A device's
 * pick: the fastest fine-tuned network within the tolerance, by latency measured on this host where the final stage
 * measured it (the first table, when it describes this host), by that device's table otherwise, and it says which.
 * Pure over the entries, so that the rules are unit-tested without a search.
 */
public final class DeviceFronts {
    private DeviceFronts() {
    }

    /**
     * What a table is, for the report: its file name, its device, and whether the final stage measured its
     * networks on this host ({@code measured}: the first table only, when it describes this host).
     */
    public record Table(String name, String device, boolean thisHost, boolean measured) {
    }

    /**
     * One device's answer.
     *
     * @param table    the table's file name
     * @param device   its device (id and description)
     * @param ranking  how the pick was ranked: measured on this host, or by the table, and why
     * @param front    genomes of the device's front, fastest first
     * @param pick     its fastest fine-tuned network within the tolerance, or null
     * @param speedup  the pick's speed-up over the pretrained model on this device, or null
     * @param measured whether that speed-up was measured (else the table's prediction)
     * @param drop     the pick's mIoU drop, or null
     */
    public record Device(String table, String device, String ranking, List<String> front, ParetoEntry pick, Double speedup,
                  boolean measured, Double drop) {
    }

    /** The run's tables (as read once at its start) as the report names them; whether each describes this host. */
    static List<Table> tables(SearchInputs in) {
        boolean firstMeasured = FinalStage.measureThreads(in) > 0;
        List<Table> out = new ArrayList<>();
        for (int t = 0; t < in.tables().size(); t++) {
            out.add(table(in.tableFiles().get(t), in.tables().get(t), t == 0 && firstMeasured));
        }
        return out;
    }

    /** One table: its device from its provenance; {@code measured}: the final stage measures its networks here. */
    static Table table(java.nio.file.Path f, dev.edgenas.latency.LatencyTable lt, boolean measured) {
        dev.edgenas.latency.HostIdentity host = dev.edgenas.latency.HostIdentity.current(
                dev.edgenas.runtime.OrtEnv.get().getVersion());
        dev.edgenas.latency.TableProvenance p = lt.provenance();
        boolean thisHost = host.describes(p);
        String device = p.deviceId() + " (" + p.deviceDescription() + (p.simulated() ? ", simulated" : "")
                + (!thisHost && dev.edgenas.latency.HostIdentity.isCpuTable(p) ? ", another machine" : "") + ")";
        return new Table(f.getFileName().toString(), device, thisHost, measured && thisHost);
    }

    /** The devices of a run (none without tables). */
    static List<Device> of(SearchOptions o, SearchInputs in, List<ParetoEntry> entries, CandidateScore full,
                           FinalPick pick) {
        return in.tables().isEmpty() ? List.of() : of(tables(in), entries, full, pick);
    }

    static List<Device> of(List<Table> tables, List<ParetoEntry> entries, CandidateScore full, FinalPick pick) {
        List<Device> out = new ArrayList<>();
        for (int t = 0; t < tables.size(); t++) {
            Table tab = tables.get(t);
            boolean measured = tab.measured() && pick != null && pick.referenceMs() != null;
            List<String> front = front(entries, t).stream().map(i -> entries.get(i).genome()).toList();
            ParetoEntry best = null;
            if (pick != null) {
                for (ParetoEntry e : entries) {
                    if (e.finalMiou() != null && e.finalMiou() >= pick.referenceMiou() - pick.maxDrop()
                            && (best == null || speed(e, t, measured) < speed(best, t, measured))) {
                        best = e;
                    }
                }
            }
            Double speedup = best == null ? null : measured && best.measuredMs() != null
                    ? pick.referenceMs() / best.measuredMs() : full.latencyMs().get(t) / best.latencyMs().get(t);
            out.add(new Device(tab.name(), tab.device(), ranking(tab, measured), front, best, speedup,
                    measured && best != null && best.measuredMs() != null,
                    best == null ? null : pick.referenceMiou() - best.finalMiou()));
        }
        return out;
    }

    /** Indices of the entries not dominated on (proxy mIoU, latency on table t), fastest first. */
    static List<Integer> front(List<ParetoEntry> entries, int t) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            idx.add(i);
        }
        idx.sort(Comparator.comparingDouble((Integer i) -> entries.get(i).latencyMs().get(t))
                .thenComparingDouble(i -> -entries.get(i).proxyMiou()));
        List<Integer> out = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (int i : idx) {
            if (entries.get(i).proxyMiou() > best) {
                out.add(i);
                best = entries.get(i).proxyMiou();
            }
        }
        return out;
    }

    private static double speed(ParetoEntry e, int t, boolean measured) {
        return measured && e.measuredMs() != null ? e.measuredMs() : e.latencyMs().get(t);
    }

    private static String ranking(Table tab, boolean measured) {
        if (measured || tab.measured()) { // tab.measured() without a pick yet: before the final stage
            return "measured on this host";
        }
        if (tab.thisHost()) {
            return "ranked by its table (this host's; the final stage measures for the first table only)";
        }
        return "ranked by its table: this host cannot measure " + tab.device();
    }
}
