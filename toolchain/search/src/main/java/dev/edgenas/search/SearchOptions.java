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
    public int population = 24;
    public int generations = 14;
    public long seed = 1;
    public Algorithm algorithm = Algorithm.NSGA2;
    /** Also run random search at NSGA-II's budget, for the comparison in the plot and report. */
    public boolean randomBaseline = true;
    /** Parallel candidate evaluations (one ONNX Runtime thread each); 0 = all cores. */
    public int threads = 0;
    public boolean resume;
    /** Keep the pretrained backbone and search the head only, scored on cached backbone features. */
    public boolean fixBackbone;
    public int finetuneEpochs = 1;
    /** Pareto networks fine-tuned in the final stage, spread over the front (0 = all). */
    public int finetuneNetworks = 6;
    /** Training images per fine-tuning epoch (0 = the whole split). */
    public int finetuneLimit = 1000;
    public boolean progress = true;

    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
