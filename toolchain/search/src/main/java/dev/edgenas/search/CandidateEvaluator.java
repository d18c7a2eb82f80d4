package dev.edgenas.search;

import dev.edgenas.runtime.OrtInference;
import dev.edgenas.runtime.OrtSettings;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.data.metrics.ConfusionMatrix;
import dev.edgenas.gap8.memory.HierarchyPlanner;
import dev.edgenas.gap8.memory.KernelNets;
import dev.edgenas.gap8.memory.MemBudget;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.GraphCost;
import dev.edgenas.latency.LatencyPredictor;
import dev.edgenas.models.space.Genome;
import dev.edgenas.models.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores one candidate. A pure function of (pretrained model, genome, validation subset, calibration images,
 * latency tables): no state is shared between calls, so candidates can run on any thread or machine.
 */
public final class CandidateEvaluator {
    static final int BATCH = 16;
    /**
     * One intra-op thread per candidate session: the search scores one candidate per core, which parallelises far
     * better than splitting one small network over both cores.
     */
    static final OrtSettings SCORING = new OrtSettings(1, "ALL_OPT");

    private final SearchSpace space;
    private final EvalData val;
    private final EvalData calib;
    private final List<LatencyPredictor> predictors;
    private final int classes;
    private final int ignore;
    private final FeatureCache cache;
    private final MemBudget memoryBudget;

    /**
     * @param calib images for BN recalibration, or null to keep the pretrained statistics
     */
    public CandidateEvaluator(SearchSpace space, EvalData val, EvalData calib, List<LatencyPredictor> predictors,
                              int classes, int ignore) {
        this(space, val, calib, predictors, classes, ignore, null, null);
    }

    private CandidateEvaluator(SearchSpace space, EvalData val, EvalData calib, List<LatencyPredictor> predictors,
                               int classes, int ignore, FeatureCache cache, MemBudget memoryBudget) {
        this.cache = cache;
        this.memoryBudget = memoryBudget;
        this.space = space;
        this.val = val;
        this.calib = calib;
        this.predictors = List.copyOf(predictors);
        this.classes = classes;
        this.ignore = ignore;
    }

    /**
     * The same scorer with the backbone features of the validation subset and calibration images cached: genomes
     * that keep the pretrained backbone are then scored by running only their head (same mIoU, tested).
     */
    public CandidateEvaluator withFeatureCache() {
        return new CandidateEvaluator(space, val, calib, predictors, classes, ignore,
                FeatureCache.build(space, val, calib), memoryBudget);
    }

    /**
     * The same scorer bounded by a GAP8 memory budget: every candidate is planned first (HierarchyPlanner, a pure
     * function of its shapes, as deploy plans it); one that does not fit is not scored for mIoU.
     */
    public CandidateEvaluator withMemoryBudget(MemBudget budget) {
        return new CandidateEvaluator(space, val, calib, predictors, classes, ignore, cache, budget);
    }

    /** Bytes held by the feature cache (0 without one). */
    public long cacheBytes() {
        return cache == null ? 0 : cache.bytes();
    }

    public SearchSpace space() {
        return space;
    }

    /** The candidate network as it is scored (and written out): cut, then BN recalibrated. */
    public ModelProto network(Genome g) {
        ModelProto sub = space.subnet(g);
        return calib == null ? sub : BnRecalibrator.recalibrate(sub, calib);
    }

    public CandidateScore evaluate(Genome genome) {
        // one unit for an exit to wait for: cutting, recalibrating and scoring create and close ORT sessions
        return dev.edgenas.core.NativeCalls.run(() -> evaluateNative(genome));
    }

    private CandidateScore evaluateNative(Genome genome) {
        long t0 = System.nanoTime();
        Genome g = space.canonical(genome);
        MemoryFit memory = null;
        if (memoryBudget != null) {
            Graph cut = Graph.of(space.subnet(g));
            memory = MemoryFit.of(HierarchyPlanner.plan(KernelNets.of(cut), memoryBudget));
            if (!memory.fits() && !g.equals(space.canonical(space.full()))) { // the full model stays the reference
                GraphCost cost = GraphCost.of(cut, 1);
                List<Double> lat = new ArrayList<>();
                for (LatencyPredictor p : predictors) {
                    lat.add(p.predict(cut, 1).ms());
                }
                return new CandidateScore(g.key(), 0, lat, cost.macs(), cost.params(), (System.nanoTime() - t0) / 1e9,
                        memory);
            }
        }
        ModelProto net;
        double miou;
        if (cache != null && space.hasFullBackbone(g)) {
            net = space.subnet(g); // BN values do not change latency, MACs or parameters
            miou = miou(cache.head(net), cache.val(), cache.masks(), classes, ignore);
        } else {
            net = network(g);
            miou = miou(net, val, classes, ignore);
        }
        Graph graph = Graph.of(net);
        GraphCost cost = GraphCost.of(graph, 1);
        List<Double> lat = new ArrayList<>();
        for (LatencyPredictor p : predictors) {
            lat.add(p.predict(graph, 1).ms());
        }
        return new CandidateScore(g.key(), miou, lat, cost.macs(), cost.params(), (System.nanoTime() - t0) / 1e9, memory);
    }

    /** mIoU of a network on a data set (argmax of the logits against the masks). */
    public static double miou(ModelProto net, EvalData data, int classes, int ignore) {
        return miou(net, NamedBatch.split(net.getGraph().getInput(0).getName(), data, BATCH), data.masks(), classes,
                ignore);
    }

    /** The same over batches of named inputs; masks in batch order. */
    static double miou(ModelProto net, List<NamedBatch> batches, byte[][] masks, int classes, int ignore) {
        ConfusionMatrix cm = new ConfusionMatrix(classes, ignore);
        try (OrtInference run = OrtInference.of(net, SCORING)) {
            int from = 0;
            for (NamedBatch b : batches) {
                addPredictions(cm, run.run(b.tensors(), List.of(run.outputName())).get(run.outputName()).data(), masks, from, b.count(), classes);
                from += b.count();
            }
        }
        return cm.meanIou();
    }

    static void addPredictions(ConfusionMatrix cm, float[] logits, byte[][] masks, int from, int n, int classes) {
        int hw = masks[from].length;
        for (int b = 0; b < n; b++) {
            int[] pred = dev.edgenas.runtime.Logits.argmax(logits, b, classes, hw);
            cm.add(masks[from + b], pred);
        }
    }
}
