package dev.edgenas.cli;

import dev.edgenas.core.Provenance;
import dev.edgenas.deploy.WholeNetworkRunner;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.MeasurementPolicy;
import dev.edgenas.latency.TableEntry;
import dev.edgenas.latency.TableProvenance;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The table {@link TableRetimeCommand} writes: per key, statistics over the cycles its layers took in the whole
 * networks (each occurrence one sample), converted to ms at the table's clock; the source table's provenance with
 * what changed recorded in its facts. The per-network overhead is zero: a whole run's cycles are the sum of its
 * layers' cycles (measured around each layer by the executor), so nothing is left to add once (one cycle: a
 * table's empty run must be positive).
 */
final class RetimedTable {
    private RetimedTable() {
    }

    static LatencyTable of(LatencyTable source, Map<String, List<Long>> cycles, long hz, WholeNetworkRunner runner,
                           List<WholeNetworkRuns.Run> runs, Set<String> wanted, Provenance origin) {
        TreeMap<String, TableEntry> entries = new TreeMap<>();
        cycles.forEach((k, v) -> entries.put(k, entry(v, hz)));
        TableProvenance p = source.provenance();
        Map<String, String> facts = new LinkedHashMap<>(p.facts() == null ? Map.of() : p.facts());
        facts.putAll(runner.facts());
        facts.put("latencySource", runner.facts().getOrDefault("latencySource", runner.name()) + ": per-layer cycles "
                + "of the deployed network's executor (weight streaming, tile DMA and kernels), medians over the layers "
                + "of " + runs.size() + " whole networks");
        facts.put("retimedFrom", source.provenance().createdAt() + " table (" + source.size() + " entries, kernels "
                + "timed alone)");
        facts.put(TableRetimeCommand.TIMED_IN, runs.stream().map(WholeNetworkRuns.Run::genome)
                .collect(Collectors.joining(" ")));
        Set<String> missing = new HashSet<>(wanted);
        missing.removeAll(cycles.keySet());
        facts.put("notTimed", String.join(" ", new java.util.TreeSet<>(missing)));
        // what described kernels timed alone no longer applies: L2 placement, the fork as empty run, kernels over
        // the L2 budget (the tiled deploy runs them)
        facts.remove("kernelsFromL2");
        facts.keySet().removeIf(k -> k.startsWith("unsupported ") && entries.containsKey(k.substring(12)));
        facts.put("emptyRun", "1 cycle: a whole network's cycles are the sum of its layers'");
        TableProvenance np = new TableProvenance(p.deviceId(), p.deviceDescription(), p.platform(), p.simulated(),
                p.cpuModel(), p.cores(), p.governor(), p.cpuMhz(), p.clocksHz(), p.runtime(), p.runtimeVersion(),
                p.threads(), p.optLevel(), p.precision(), origin.run().createdAt(), origin.tool().version(),
                Provenance.currentGitCommit(), origin.run().commandLine(), p.host(), facts, origin);
        // tables require a positive empty run: one cycle stands for "nothing outside the layers"
        double oneCycle = 1e3 / hz;
        TableEntry zero = new TableEntry(1, oneCycle, oneCycle, 0, oneCycle, oneCycle, 0, 0, false,
                new TableEntry.CycleStats(1, 1, 1, 1));
        // one image per network, no warm-up: GVSOC's cycles are data-independent and deterministic
        MeasurementPolicy m = new MeasurementPolicy(0, 1, 1, 0.02, 0.95, 3600, false, 1);
        return new LatencyTable(LatencyTable.FORMAT, LatencyTable.VERSION, missing.isEmpty(), np,
                source.units(), m,
                new LatencyTable.Overhead(zero, LatencyTable.ADD_ONCE), entries);
    }

    static TableEntry entry(List<Long> samples, long hz) {
        double[] c = samples.stream().mapToDouble(Long::doubleValue).sorted().toArray();
        int n = c.length;
        double median = n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
        double mean = Arrays.stream(c).average().orElse(0);
        double var = Arrays.stream(c).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, n - 1);
        double p10 = c[(int) Math.floor(0.1 * (n - 1))];
        double p90 = c[(int) Math.ceil(0.9 * (n - 1))];
        double[] dev = Arrays.stream(c).map(x -> Math.abs(x - median)).sorted().toArray();
        double mad = n % 2 == 1 ? dev[n / 2] : (dev[n / 2 - 1] + dev[n / 2]) / 2;
        double ms = 1e3 / hz;
        double ciRel = n < 2 || median == 0 ? 0 : 1.96 * Math.sqrt(var / n) / median;
        return new TableEntry(n, median * ms, mean * ms, Math.sqrt(var) * ms, p10 * ms, p90 * ms, mad * ms, ciRel,
                false, new TableEntry.CycleStats(median, mean, p10, p90));
    }
}
