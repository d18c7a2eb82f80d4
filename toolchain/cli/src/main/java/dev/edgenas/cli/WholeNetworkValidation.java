package dev.edgenas.cli;

import dev.edgenas.core.Provenance;
import dev.edgenas.deploy.WholeNetworkRunner;
import dev.edgenas.latency.LatencyPredictor;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.Prediction;
import dev.edgenas.latency.ValidationStats;
import dev.edgenas.models.space.Genome;
import dev.edgenas.models.space.SearchSpace;
import dev.edgenas.profile.TableValidator;
import dev.edgenas.profile.ValidationReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Table validation on a device that runs whole deployed networks ({@link WholeNetworkRunner}, e.g. GAP8 on GVSOC):
 * each network is deployed and run once (device cycles are deterministic), its latency compared with the table's
 * prediction for the same float network. Same figures and report as the CPU validation, plus per network the
 * predicted and measured cycles and their ratio.
 */
final class WholeNetworkValidation {
    /** Per network: what the table predicted and what the device ran. */
    record NetworkResult(String name, double predictedMs, double measuredMs, Long predictedCycles, Long measuredCycles,
                         double ratio, int estimatedKernels, double wallSeconds) {
    }

    /** The CPU validation's report plus the per-network figures. */
    record Result(ValidationReport report, String runner, Map<String, String> runnerFacts, List<NetworkResult> networks) {
    }

    private WholeNetworkValidation() {
    }

    static Result run(WholeNetworkRunner runner, LatencyTable table, String tableName, SearchSpace space,
                      Map<String, Genome> nets, Map<String, String> source, Path work, IntConsumer progress) {
        LatencyPredictor predictor = new LatencyPredictor(table);
        Map<String, String> conditions = new LinkedHashMap<>();
        conditions.put("loadAverageBefore", dev.edgenas.core.HostInfo.loadAverage());
        long t0 = System.nanoTime();
        List<WholeNetworkRuns.Run> runs = WholeNetworkRuns.run(runner, space, nets, table.provenance().precision(), work,
                progress);
        conditions.put("loadAverageAfter", dev.edgenas.core.HostInfo.loadAverage());
        conditions.put("wallSeconds", String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        // a resumed validation's own wall time leaves out the runs read back: their build + simulation time
        conditions.put("runSeconds", String.format("%.1f", runs.stream().mapToDouble(WholeNetworkRuns.Run::wallSeconds)
                .sum()));
        conditions.put("measured", runner.name() + ": each network deployed and run once whole (" + runner.facts()
                .getOrDefault("runner", runner.name()) + ")");
        Long hz = table.provenance().clocksHz() == null ? null : table.provenance().clocksHz().get("compute");
        List<ValidationStats.Case> cases = new ArrayList<>();
        List<NetworkResult> results = new ArrayList<>();
        for (WholeNetworkRuns.Run r : runs) {
            Prediction p = TableValidator.predict(predictor, space.subnet(nets.get(r.name())));
            cases.add(new ValidationStats.Case(r.name(), p.totalMs(), r.ms(), 0, p.estimatedCount()));
            Long pc = hz == null ? null : Math.round(p.totalMs() * hz / 1e3);
            results.add(new NetworkResult(r.name(), p.totalMs(), r.ms(), pc, r.cycles(), r.ms() / p.totalMs(),
                    p.estimatedCount(), r.wallSeconds()));
        }
        Map<String, String> device = new LinkedHashMap<>();
        device.put("deviceId", table.provenance().deviceId());
        device.put("description", table.provenance().deviceDescription());
        device.put("precision", table.provenance().precision());
        device.put("createdAt", table.provenance().createdAt());
        device.put("entries", Integer.toString(table.size()));
        if (table.provenance().facts() != null && table.provenance().facts().get("latencySource") != null) {
            device.put("latencySource", table.provenance().facts().get("latencySource"));
        }
        ValidationReport report = new ValidationReport(tableName, device, source, conditions, null,
                ValidationStats.of(cases, 5), null, null, cases, Provenance.now());
        return new Result(report, runner.name(), runner.facts(), results);
    }

    /** Markdown: the CPU report's, then one row per network. */
    static String markdown(Result r) {
        StringBuilder sb = new StringBuilder(r.report().markdown());
        sb.append("\n## Every network\n\n| network | predicted cycles | measured cycles | measured / predicted | "
                + "estimated kernels | wall s |\n|---|---|---|---|---|---|\n");
        for (NetworkResult n : r.networks()) {
            sb.append(String.format("| %s | %s | %s | %.3f | %d | %.1f |%n", n.name(), n.predictedCycles(),
                    n.measuredCycles(), n.ratio(), n.estimatedKernels(), n.wallSeconds()));
        }
        sb.append("\nRunner: ").append(r.runner()).append(' ').append(r.runnerFacts()).append('\n');
        return sb.toString();
    }

    /** The human summary: the figures, then measured / predicted per network. */
    static String summary(Result r) {
        ValidationStats s = r.report().stats();
        StringBuilder sb = new StringBuilder(String.format("%d networks on %s: %.1f %% within +-5 %%, %.1f %% within "
                        + "+-10 %%, RMSPE %.2f %%, bias %+.2f %%, Spearman %.4f (%s s; load %s -> %s)", s.samples(),
                r.runner(), 100 * s.within5(), 100 * s.within10(), 100 * s.rmspe(), 100 * s.meanError(), s.spearman(),
                r.report().conditions().get("wallSeconds"), r.report().conditions().get("loadAverageBefore"),
                r.report().conditions().get("loadAverageAfter")));
        for (WholeNetworkValidation.NetworkResult n : r.networks()) {
            sb.append(String.format("%n  measured/predicted %.3f  predicted %,d  measured %,d cycles  %s", n.ratio(),
                    n.predictedCycles(), n.measuredCycles(), n.name()));
        }
        return sb.toString();
    }

    /** Networks the table was timed in (a re-timed table lists them): never validation networks. */
    static java.util.Set<String> heldOut(LatencyTable t) {
        java.util.Set<String> out = new java.util.HashSet<>();
        if (t.calibration() != null) {
            t.calibration().networks().forEach(n -> out.add(n.name()));
        }
        String timedIn = t.provenance().facts() == null ? null : t.provenance().facts().get(TableRetimeCommand.TIMED_IN);
        if (timedIn != null && !timedIn.isBlank()) {
            out.addAll(java.util.List.of(timedIn.split(" ")));
        }
        return out;
    }
}
