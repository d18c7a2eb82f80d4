package dev.edgenas.search;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Everything a search run needs; defaults are those of {@code edgenas search}. */
public final class SearchOptions {
    public enum Algorithm { NSGA2, RANDOM }

    public Path model = Path.of("models/deeplabv3plus-portrait.onnx");
    public Path data = Path.of("work/data");
    public String valSplit = "val";
    public String trainSplit = "train";
    public Path out = Path.of("work/search");
    public List<Path> latencyTables = new ArrayList<>();
    /** Validation images every candidate is scored on. */
    public int valSubset = 48;
    /** Training images for BatchNorm recalibration (0 = keep the pretrained statistics). */
    public int calibImages = 16;
    /**
     * 32 x (16 + 1) NSGA-II evaluations (~97 % distinct networks), a quarter more at the fast end, and the random
     * baseline at the same budget: ~1,300 distinct networks scored by the default run.
     */
    public int population = 32;
    public int generations = 16;
    /** Extra evaluations, as a share of NSGA-II's distinct ones, spent at the thin fast end of the front. */
    public double fastEndShare = 0.25;
    /**
     * NSGA-II's repeats are refunded to the fast end: NSGA-II and the fast-end rounds together score at least this
     * share of population x (generations + 1) distinct networks. Repeats cost nothing (the journal serves them); a
     * population that converges early would otherwise leave the budget unspent.
     */
    public double distinctShare = 0.75;
    public long seed = 1;
    public Algorithm algorithm = Algorithm.NSGA2;
    /** Also run random search at NSGA-II's budget, for the comparison in the plot and report. */
    public boolean randomBaseline = true;
    /** Parallel candidate evaluations (one ONNX Runtime thread each); 0 = all cores. */
    public int threads = 0;
    public boolean resume;
    /** Keep the pretrained backbone and search the head only, scored on cached backbone features. */
    public boolean fixBackbone;
    /** Epochs of the screening round of the final stage (0 skips the final stage). */
    public int finetuneEpochs = 1;
    /** Pareto networks screened in the final stage, spread over the front's cost range (0 = all). */
    public int finetuneNetworks = 6;
    /** Training images per screening epoch (0 = the whole split). */
    public int finetuneLimit = 1000;
    /** Fine-tuning batch size (16 trains ~1.4x faster per image than 8 on a 2-core CPU). */
    public int finetuneBatch = 16;
    /** Peak learning rate of fine-tuning (AdamW, cosine decay, no warm-up). */
    public double finetuneLr = 2e-3;
    /** Networks the focus round fine-tunes further (0 = no focus round). */
    public int focusNetworks = 2;
    /** Epochs of the focus round, on the whole training split. */
    public int focusEpochs = 1;
    /**
     * How far below the tolerance (mIoU fraction) a screened network may be and still get the focus round: one more
     * epoch on the whole training split recovered 3.6 to 4.4 points on the default model (docs/SEARCH.md), so 6
     * points leaves room for networks that recover better and spares the time of those that cannot make it.
     */
    public double focusReach = 0.06;
    /**
     * The speed-up over the pretrained model the final stage aims at within {@link #maxDrop} (0 = no target: spread
     * screening and the fastest-first focus round only). With a target the screening set holds the best target
     * candidate and the focus budget goes to the screened network most likely to reach it ({@link TargetPlan}).
     */
    public double targetSpeedup = 2.0;
    /** Accuracy tolerance of the final pick: mIoU (fraction, 0.03 = 3 points) below the pretrained model. */
    public double maxDrop = 0.03;
    public boolean progress = true;
    /** GAP8 memory budget every candidate's memory plan must fit (search --memory-budget), or null for none. */
    public dev.edgenas.gap8.memory.MemBudget memoryBudget;

    /** Rejects values no run can use, naming the command-line option: a usage error (exit 2). */
    public void validate() {
        require(valSubset > 0, "--val-subset", "must be at least 1");
        require(calibImages >= 0, "--calib-images", "must not be negative");
        require(population >= 2, "--population", "must be at least 2");
        require(generations >= 0, "--generations", "must not be negative");
        require(threads >= 0, "--threads", "must not be negative");
        require(finetuneEpochs >= 0, "--finetune-epochs", "must not be negative");
        require(finetuneLimit >= 0, "--finetune-limit", "must not be negative");
        require(finetuneNetworks >= 0, "--finetune-networks", "must not be negative");
        require(finetuneBatch > 0, "--finetune-batch", "must be at least 1");
        require(finetuneLr > 0 && finetuneLr < 1, "--finetune-lr", "must be in (0, 1)");
        require(focusNetworks >= 0, "--focus-networks", "must not be negative");
        require(focusEpochs >= 0, "--focus-epochs", "must not be negative");
        require(targetSpeedup == 0 || targetSpeedup >= 1, "--target-speedup", "must be 0 (no target) or at least 1");
        require(maxDrop >= 0 && maxDrop <= 1, "--max-drop", "must be between 0 and 100 points");
    }

    private static void require(boolean ok, String option, String problem) {
        if (!ok) {
            throw new dev.edgenas.core.EdgenasException(dev.edgenas.core.ExitCode.USAGE, option + ": " + problem);
        }
    }

    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
