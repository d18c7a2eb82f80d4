package dev.edgenas.cli;

import dev.edgenas.search.ParetoEntry;
import dev.edgenas.search.SearchOptions;
import dev.edgenas.search.SearchRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "search", mixinStandardHelpOptions = true, defaultValueProvider = OptionDefaults.Search.class,
        description = "FMAS-style multi-objective search over subnetworks of a pretrained DeepLabV3+: cut candidates "
                + "from its weights, score them (proxy mIoU on a validation subset, latency per table, MACs), "
                + "NSGA-II vs random search, then fine-tune the Pareto set with distillation.",
        footer = {"%nExamples:", "  edgenas search --latency-table latency-tables/cpu-x86.json",
            "  edgenas search --model m.onnx --data work/data --latency-table a.json --latency-table b.json "
                    + "--population 32 --generations 20 --seed 3 --out work/search-3",
            "  edgenas search --resume --out work/search   (continue a killed search)",
            "  edgenas search --engine spark --master spark://127.0.0.1:7077   (candidates scored on a Spark cluster)"})
final class SearchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    EngineOptions engine;

    @Option(names = "--model", description = "Pretrained DeepLabV3+ (edgenas-built or PyTorch-exported; default ${DEFAULT-VALUE}).")
    Path model;

    @Option(names = "--data", description = "Dataset root, VOC layout (default ${DEFAULT-VALUE}: 'edgenas data synth' writes it).")
    Path data;

    @Option(names = "--out", description = "Output folder (default ${DEFAULT-VALUE}; when "
            + "it holds a search already and --resume is not given: work/search-TABLE).")
    Path out;

    @Option(names = "--latency-table", description = "Latency table: a path, or a file name in latency-tables/ or "
            + "$EDGENAS_HOME/tables/; repeat for one objective per device. "
            + "Without any, MACs are the cost objective.")
    List<Path> latencyTables = new ArrayList<>();

    @Option(names = "--val-subset", description = "Validation images per candidate (default ${DEFAULT-VALUE}).")
    int valSubset;

    @Option(names = "--calib-images", description = "Training images for BatchNorm recalibration; 0 switches it off (default ${DEFAULT-VALUE}).")
    int calibImages;

    @Option(names = "--population", description = "NSGA-II population (default ${DEFAULT-VALUE}).")
    int population;

    @Option(names = "--generations", description = "NSGA-II generations (default ${DEFAULT-VALUE}).")
    int generations;

    @Option(names = "--seed", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--algorithm", description = "${COMPLETION-CANDIDATES} (any case; default ${DEFAULT-VALUE}).")
    SearchOptions.Algorithm algorithm;

    @Option(names = "--no-random-baseline", negatable = false,
            description = "Skip the random search run at NSGA-II's budget.")
    boolean noBaseline;

    @Option(names = "--threads", description = "Parallel evaluations (0 = all cores).")
    int threads;

    @Option(names = "--resume", description = "Continue the search whose journal is in --out.")
    boolean resume;

    @Option(names = "--finetune-epochs", description = "Epochs of the final stage's screening round; 0 skips the final stage (default "
                    + "${DEFAULT-VALUE}).")
    int finetuneEpochs;

    @Option(names = "--finetune-limit", description = "Training images per screening epoch, 0 = whole split (default ${DEFAULT-VALUE}).")
    int finetuneLimit;

    @Option(names = "--finetune-networks", description = "Pareto networks screened, spread over the front's latency range; 0 = all (default "
                    + "${DEFAULT-VALUE}).")
    int finetuneNetworks;

    @Option(names = "--finetune-batch", description = "Fine-tuning batch size (default ${DEFAULT-VALUE}).")
    int finetuneBatch;

    @Option(names = "--finetune-lr", description = "Peak learning rate of fine-tuning (AdamW, cosine, no warm-up; default ${DEFAULT-VALUE}).")
    double finetuneLr;

    @Option(names = "--focus-networks", description = "Screened networks faster than the fastest one within --max-drop that get more "
                    + "fine-tuning; 0 = no focus round (default ${DEFAULT-VALUE}).")
    int focusNetworks;

    @Option(names = "--focus-epochs", description = "Epochs of the focus round on the whole training split (default ${DEFAULT-VALUE}).")
    int focusEpochs;

    @Option(names = "--max-drop", description = "Accuracy tolerance in mIoU points below the pretrained model for the final pick (the "
                    + "fastest fine-tuned network within it; default ${DEFAULT-VALUE}).")
    double maxDropPoints;

    @Option(names = "--target-speedup", description = "Speed-up over the pretrained model the final stage aims at within "
            + "--max-drop: the best candidate at least this fast (by proxy mIoU) is screened, and when no screened network "
            + "meets it the whole focus budget goes to the most accurate screened one that fast; the report says whether "
            + "it was met and, if not, the closest network. 0 = no target (default ${DEFAULT-VALUE}).")
    double targetSpeedup;

    @Option(names = "--fix-backbone",
            description = "Keep the pretrained backbone and search the ASPP and decoder only; candidates are scored "
                    + "on backbone features cached once in memory (head-only evaluation).")
    boolean fixBackbone;

    @Option(names = "--memory-budget", paramLabel = "LEVEL=SIZE[,...]",
            description = "GAP8 memory bound every candidate's memory plan (the deploy planner: L1 tiles, L2 arena and "
                    + "weight buffers, HyperRAM) must fit, e.g. l2=512k,l3=8m (levels l1, l2, l3, flash; k/m suffixes; "
                    + "unset levels are the GAPuino's). Candidates that do not fit are not scored and never on the front; "
                    + "report.md lists each Pareto network's memory.")
    String memoryBudget;

    /**
     * The output folder. Without --out and --resume, when the default folder holds a search already (the main job's),
     * a new search goes to work/search-TABLE (numbered when taken) instead of failing on the journal; said in one line.
     */
    private Path freshOut() {
        boolean given = common.spec.commandLine().getParseResult().hasMatchedOption("--out");
        if (given || resume || !java.nio.file.Files.exists(out.resolve("journal.jsonl"))) {
            return out;
        }
        String stem = latencyTables.isEmpty() ? "macs"
                : latencyTables.get(0).getFileName().toString().replaceAll("\\.json$", "");
        Path p = out.resolveSibling(out.getFileName() + "-" + stem);
        for (int i = 2; java.nio.file.Files.exists(p.resolve("journal.jsonl")); i++) {
            p = out.resolveSibling(out.getFileName() + "-" + stem + "-" + i);
        }
        System.err.println("edgenas: search: " + out + " holds a search already (--resume continues it): writing this one "
                + "to " + p + " (--out to choose)");
        return p;
    }

    @Override
    public Integer call() {
        SearchOptions o = new SearchOptions();
        o.model = RawExports.normalised(model, "search", data);
        o.data = data;
        o.out = freshOut();
        o.latencyTables = TableNames.resolveAll(latencyTables);
        for (Path t : o.latencyTables) {
            TableNames.noteForeign(t, dev.edgenas.latency.LatencyTable.read(t));
        }
        o.valSubset = valSubset;
        o.calibImages = calibImages;
        o.population = population;
        o.generations = generations;
        o.seed = seed;
        o.algorithm = algorithm;
        o.randomBaseline = !noBaseline;
        o.threads = threads;
        o.resume = resume;
        o.finetuneEpochs = finetuneEpochs;
        o.finetuneLimit = finetuneLimit;
        o.finetuneNetworks = finetuneNetworks;
        o.finetuneLr = finetuneLr;
        o.finetuneBatch = finetuneBatch;
        o.focusNetworks = focusNetworks;
        o.focusEpochs = focusEpochs;
        o.maxDrop = maxDropPoints / 100;
        o.targetSpeedup = targetSpeedup;
        o.fixBackbone = fixBackbone;
        if (memoryBudget != null) {
            try {
                o.memoryBudget = dev.edgenas.gap8.memory.MemBudget.parse(memoryBudget);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(common.spec.commandLine(), "--memory-budget: "
                        + e.getMessage());
            }
        }
        o.progress = common.progress();
        var scorer = engine.searchEngine(o); // before the bar: a missing engine is one line
        SearchRunner.Outcome r;
        try (ProgressBar bar = Progress.bar("search gen", generations + 1L
                + dev.edgenas.search.FastEndRefiner.ROUNDS, common.progress())) {
            r = SearchRunner.run(o, (gen, evals, hv) -> {
                bar.stepTo(gen + 1L);
                bar.setExtraMessage(String.format(" evals %d, HV %.4f", evals, hv));
            }, scorer);
        } catch (RuntimeException e) {
            // the search runs candidates cut from --model in memory: ORT's messages name no file, so name it
            if (Errors.known(e) instanceof dev.edgenas.core.EdgenasException k && k.getMessage() != null
                    && k.getMessage().startsWith("ONNX Runtime")) {
                throw new dev.edgenas.core.EdgenasException(k.exitCode(), model + ": " + k.getMessage(), e);
            }
            throw e;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("out", r.outDir().toString());
        json.put("full", r.full());
        json.put("pareto", r.pareto());
        json.put("nsga2Hypervolume", r.nsga2() == null ? null : r.nsga2().finalHypervolume());
        json.put("randomHypervolume", r.random() == null ? null : r.random().finalHypervolume());
        json.put("hypervolumePerGeneration", r.nsga2() == null ? null : r.nsga2().hypervolume());
        json.put("distinctPerGeneration", r.nsga2() == null ? null : r.nsga2().distinct());
        json.put("spearman", Double.isNaN(r.spearman()) ? null : r.spearman());
        json.put("pick", r.pick());
        json.put("devices", r.devices());
        StringBuilder sb = new StringBuilder(String.format("search done in %.0f s: %d Pareto networks in %s%n",
                r.seconds(), r.pareto().size(), r.outDir()));
        if (r.nsga2() != null && r.random() != null) {
            sb.append(String.format("hypervolume NSGA-II %.4f vs random %.4f%n", r.nsga2().finalHypervolume(),
                    r.random().finalHypervolume()));
        }
        for (ParetoEntry e : r.pareto()) {
            sb.append(String.format("  %s proxy mIoU %.4f%s%s %s%n", e.genome(), e.proxyMiou(),
                    e.finalMiou() == null ? "" : String.format(" final %.4f", e.finalMiou()),
                    e.measuredMs() == null ? "" : String.format(" %.3f ms", e.measuredMs()), e.file()));
        }
        if (r.pick() != null) {
            sb.append(r.pick().summary()).append('\n');
            if (r.pick().target() != null) {
                sb.append(r.pick().targetSummary()).append('\n');
            }
        }
        if (r.devices().size() > 1) {
            for (dev.edgenas.search.DeviceFronts.Device d : r.devices()) {
                sb.append(String.format("  %s: front of %d, pick %s%n", d.device(), d.front().size(), d.pick() == null
                        ? "none within the tolerance" : String.format("%s %.2fx (%s), %+.2f points", d.pick().file(),
                        d.speedup(), d.ranking(), -100 * d.drop())));
            }
        }
        common.print(json, sb.toString().stripTrailing());
        return 0;
    }

}
