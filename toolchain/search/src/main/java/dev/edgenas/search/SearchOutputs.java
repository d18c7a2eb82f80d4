package dev.edgenas.search;

import dev.edgenas.core.AtomicFiles;
import dev.edgenas.core.Provenance;
import java.nio.file.Path;
import dev.edgenas.core.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** hypervolume.csv, the front plot and report.md. */
final class SearchOutputs {
    private SearchOutputs() {
    }

    static void write(SearchOptions o, SearchRunner.Outcome r, Objectives obj) {
        Path dir = o.out;
        StringBuilder hv = new StringBuilder("generation,phase,distinct,nsga2_hypervolume\n");
        List<Map<String, Object>> rows = history(r.nsga2());
        for (Map<String, Object> row : rows) {
            hv.append(row.get("generation")).append(',').append(row.get("phase")).append(',')
                    .append(row.get("distinct")).append(',')
                    .append(String.format("%.6f", (Double) row.get("hypervolume"))).append('\n');
        }
        AtomicFiles.writeString(dir.resolve("hypervolume.csv"), hv.toString());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("referencePoint", Objectives.REFERENCE);
        json.put("nsga2", rows);
        json.put("random", r.random() == null ? null : Map.of("distinct", r.random().candidates().size(),
                "hypervolume", r.random().finalHypervolume()));
        json.put("distinctNetworks", distinctTotal(r));
        Json.writeFile(dir.resolve("hypervolume.json"), json);
        boolean latency = !o.latencyTables.isEmpty();
        String xLabel = latency ? "latency (ms, " + o.latencyTables.get(0).getFileName() + ")" : "MACs (millions)";
        FrontPlot.write(dir, xLabel, r.nsga2() == null ? null : r.nsga2().front(),
                r.random() == null ? null : r.random().front(), r.full(), latency, r.pareto(), r.pick(), r.devices());
        AtomicFiles.writeString(dir.resolve("report.md"), report(o, r));
    }

    /** NSGA-II's generations then the fast-end rounds: generation, phase, distinct networks so far, hypervolume. */
    static List<Map<String, Object>> history(SearchAlgorithms.Result nsga) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (nsga != null) {
            for (int i = 0; i < nsga.hypervolume().size(); i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("generation", i);
                row.put("phase", i < nsga.nsga2Generations() ? "nsga2" : "fast-end");
                row.put("distinct", nsga.distinct().get(i));
                row.put("hypervolume", nsga.hypervolume().get(i));
                rows.add(row);
            }
        }
        return rows;
    }

    /** Distinct networks scored by the run's searches together (NSGA-II, fast-end rounds, random baseline). */
    static int distinctTotal(SearchRunner.Outcome r) {
        Set<String> all = new HashSet<>();
        if (r.nsga2() != null) {
            all.addAll(r.nsga2().candidates());
        }
        if (r.random() != null) {
            all.addAll(r.random().candidates());
        }
        return all.size();
    }

    static String report(SearchOptions o, SearchRunner.Outcome r) {
        StringBuilder sb = new StringBuilder("# edgenas search report\n\n");
        SearchInputs in = r.inputs();
        var raw = dev.edgenas.core.NormalisedInputs.origin(o.model);
        if (raw.isPresent()) {
            sb.append(String.format("- model: `%s` (sha256 %s), a raw export normalised in memory (%s)%n",
                    raw.get().original(), raw.get().sha256(), raw.get().changes()));
        } else {
            sb.append(String.format("- model: `%s` (sha256 %s)%n", o.model, in.modelSha256()));
        }
        sb.append(String.format("- data: `%s`, %d validation images (subset), %s%n", o.data, o.valSubset,
                o.calibImages > 0 ? o.calibImages + " training images for BN recalibration" : "no BN recalibration"));
        for (int i = 0; i < in.tables().size(); i++) {
            sb.append(String.format("- latency table: `%s` (sha256 %s): %s%n", in.tableFiles().get(i),
                    in.tableSha256().get(i), TableOrigin.of(in.tables().get(i))));
        }
        sb.append(String.format("- search space: %d choices, 10^%.1f subnetworks%n", r.space().choices().size(),
                r.space().log10Size()));
        sb.append(String.format("- algorithm: %s, population %d, generations %d, seed %d%s%n", o.algorithm, o.population,
                o.generations, o.seed, o.fixBackbone ? ", backbone fixed (head-only candidates on cached features)" : ""));
        sb.append(String.format("- evaluations: %d computed in this process, %.0f s wall%n", r.evaluatedHere(), r.seconds()));
        sb.append(String.format("- tool %s, git %s%n%n", in.provenance().tool().version(), Provenance.currentGitCommit()));
        List<String> warnings = new java.util.ArrayList<>();
        for (int i = 0; i < in.tables().size(); i++) {
            warnings.addAll(dev.edgenas.latency.TableFit.warnings(in.tableFiles().get(i), in.tables().get(i), "fp32", null));
        }
        if (!warnings.isEmpty()) {
            sb.append("## Warnings\n\n");
            warnings.forEach(w -> sb.append("- ").append(w).append('\n'));
            sb.append('\n');
        }
        sb.append("## Hypervolume (normalised objectives, reference point ").append(Objectives.REFERENCE).append(")\n\n");
        if (r.nsga2() != null) {
            sb.append(String.format("- NSGA-II: %.4f (%d distinct candidates)%n", r.nsga2().finalHypervolume(),
                    r.nsga2().candidates().size()));
        }
        if (r.random() != null) {
            sb.append(String.format("- random search: %.4f (%d distinct candidates)%n", r.random().finalHypervolume(),
                    r.random().candidates().size()));
        }
        sb.append(String.format("- distinct networks scored (NSGA-II, fast-end rounds and random together): %d%n",
                distinctTotal(r)));
        if (r.nsga2() != null) {
            sb.append("\n| generation | phase | distinct networks | hypervolume |\n|---|---|---|---|\n");
            for (Map<String, Object> row : history(r.nsga2())) {
                sb.append(String.format("| %d | %s | %d | %.4f |%n", (Integer) row.get("generation"), row.get("phase"),
                        (Integer) row.get("distinct"), (Double) row.get("hypervolume")));
            }
        }
        if (r.pick() != null) {
            finalStage(sb, o, r);
        }
        if (r.devices().size() > 1) {
            devices(sb, r);
        }
        sb.append("\n## Pareto set\n\n| genome | proxy mIoU | screened mIoU | final mIoU | images |");
        o.latencyTables.forEach(t -> sb.append(" ms (").append(t.getFileName()).append(") |"));
        sb.append(" measured ms | MMACs | params | file |\n|---|---|---|---|---|");
        o.latencyTables.forEach(t -> sb.append("---|"));
        sb.append("---|---|---|---|\n");
        sb.append(String.format("| full model | %.4f | | %s | |", r.full().miou(),
                r.pick() == null ? "" : String.format("%.4f", r.pick().referenceMiou())));
        r.full().latencyMs().forEach(l -> sb.append(String.format(" %.3f |", l)));
        sb.append(String.format(" %s | %.1f | %d | %s |%n", fmt(r.pick() == null ? null : r.pick().referenceMs(), "%.3f"),
                r.full().macs() / 1e6, r.full().params(), o.model.getFileName()));
        for (ParetoEntry e : r.pareto()) {
            sb.append(String.format("| `%s` | %.4f | %s | %s | %s |", e.genome(), e.proxyMiou(),
                    fmt(e.screenMiou(), "%.4f"), fmt(e.finalMiou(), "%.4f"),
                    e.finetuneImages() > 0 ? Integer.toString(e.finetuneImages()) : ""));
            e.latencyMs().forEach(l -> sb.append(String.format(" %.3f |", l)));
            sb.append(String.format(" %s | %.1f | %d | %s |%n", fmt(e.measuredMs(), "%.3f"), e.macs() / 1e6,
                    e.params(), e.file()));
        }
        if (o.memoryBudget != null) {
            memory(sb, o, r);
        }
        sb.append("\n![front: proxy and fine-tuned mIoU vs latency, the pick marked](front.png)\n\n");
        sb.append("Plot: [front.png](front.png) / [front.svg](front.svg) (fine-tuned networks as arrows from proxy to "
                + "final mIoU, the pick marked). Every evaluation: journal.jsonl. Per generation: hypervolume.csv, "
                + "hypervolume.json.\n");
        return sb.toString();
    }

    /** Each Pareto network's GAP8 memory plan under the budget (the planner deploy uses, on the written file). */
    private static void memory(StringBuilder sb, SearchOptions o, SearchRunner.Outcome r) {
        sb.append("\n## GAP8 memory (budget ").append(o.memoryBudget).append(")\n\n")
                .append("Every network on the front fits: candidates whose plan does not fit are never on it.\n\n")
                .append("| genome | L1 peak KB | L2 need KB | HyperRAM KB | spilled | tiles | fits |\n|---|---|---|---|---|---|---|\n");
        for (ParetoEntry e : r.pareto()) {
            dev.edgenas.gap8.memory.HierarchyPlan p = dev.edgenas.gap8.memory.HierarchyPlanner.plan(
                    dev.edgenas.gap8.memory.KernelNets.of(dev.edgenas.ir.Graph.read(o.out.resolve(e.file()))), o.memoryBudget);
            sb.append(String.format("| `%s` | %.1f | %.1f | %.1f | %d | %d | %s |%n", e.genome(), p.l1PeakBytes() / 1024.0,
                    p.l2NeedBytes() / 1024.0, p.l3RamNeedBytes() / 1024.0, p.spilled().size(), p.tileCount(),
                    p.fits() ? "yes" : "NO: " + p.firstMiss()));
        }
    }

    /** A front and a pick per device: the summary table, then each device's front. */
    private static void devices(StringBuilder sb, SearchRunner.Outcome r) {
        sb.append("\n## Per device\n\nOne latency objective per table; each device's front is the Pareto networks not "
                + "dominated on (proxy mIoU, its latency); its pick is the fastest fine-tuned network within the "
                + "tolerance on it.\n\n| table | device | front | pick | speed-up | mIoU drop | ranked |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (DeviceFronts.Device d : r.devices()) {
            sb.append(String.format("| `%s` | %s | %d networks | %s | %s | %s | %s |%n", d.table(), d.device(),
                    d.front().size(), d.pick() == null ? "none within the tolerance" : "`" + d.pick().file() + "`",
                    d.speedup() == null ? "" : String.format("%.2fx %s", d.speedup(), d.measured() ? "measured"
                            : "predicted"), fmt(d.drop() == null ? null : 100 * d.drop(), "%.2f points"), d.ranking()));
        }
        for (int t = 0; t < r.devices().size(); t++) {
            DeviceFronts.Device d = r.devices().get(t);
            sb.append(String.format("%n### Front on %s (`%s`)%n%n| genome | proxy mIoU | final mIoU | ms (table) |%n"
                    + "|---|---|---|---|%n", d.device(), d.table()));
            for (String g : d.front()) {
                ParetoEntry e = r.pareto().stream().filter(p -> p.genome().equals(g)).findFirst().orElseThrow();
                sb.append(String.format("| `%s`%s | %.4f | %s | %.3f |%n", g, d.pick() != null
                        && d.pick().genome().equals(g) ? " (pick)" : "", e.proxyMiou(), fmt(e.finalMiou(), "%.4f"),
                        e.latencyMs().get(t)));
            }
        }
    }

    private static void finalStage(StringBuilder sb, SearchOptions o, SearchRunner.Outcome r) {
        FinalPick p = r.pick();
        sb.append("\n## Final stage\n\n");
        sb.append(String.format("- reference: the pretrained model, mIoU %.4f on the whole validation split%s%n",
                p.referenceMiou(), p.referenceMs() == null ? "" : String.format(", %.3f ms measured", p.referenceMs())));
        sb.append(String.format("- latency: %s%n", p.measurement()));
        sb.append(String.format("- screening: %d network(s) spread over the front, %d epoch(s) of %s training images, "
                + "lr %s, distillation from the pretrained model%n", r.pareto().stream()
                .filter(e -> e.screenMiou() != null).count(), o.finetuneEpochs,
                o.finetuneLimit > 0 ? Integer.toString(o.finetuneLimit) : "all", o.finetuneLr));
        sb.append(String.format("- focus: up to %d network(s) faster than the fastest screened one within %.1f points, "
                + "%d more epoch(s) on the whole training split%n", o.focusNetworks, 100 * o.maxDrop, o.focusEpochs));
        if (!Double.isNaN(r.spearman())) {
            sb.append(String.format("- Spearman rank correlation, proxy mIoU vs screened mIoU: %.3f%n", r.spearman()));
        }
        if (p.target() != null) {
            sb.append(String.format("- target round: %s%n", p.target().trained()));
        }
        sb.append("\n**").append(p.summary()).append("**\n");
        if (p.target() != null) {
            sb.append("\n**").append(p.targetSummary()).append("**\n");
        }
    }

    private static String fmt(Double v, String format) {
        return v == null ? "" : String.format(format, v);
    }
}
