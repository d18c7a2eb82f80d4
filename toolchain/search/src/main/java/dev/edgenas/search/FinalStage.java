package dev.edgenas.search;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.data.VocDataset;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.train.FineTuner;
import dev.edgenas.train.TrainOptions;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Fine-tunes the final Pareto set on the training split with distillation from the pretrained model (the train
 * module's FineTuner), re-evaluates each network on the full validation split and reports the Spearman rank
 * correlation between the proxy mIoU and the final mIoU.
 */
final class FinalStage {
    /** Fine-tuned entries and the rank correlation (NaN with fewer than 3 networks). */
    record Result(List<ParetoEntry> entries, double spearman) {
    }

    private FinalStage() {
    }

    /** Proxy mIoU, as a fraction of the full model's, below which a Pareto network is not worth fine-tuning. */
    static final double MIN_PROXY_FRACTION = 0.5;

    static Result run(SearchOptions o, List<ParetoEntry> pareto, double fullProxy) {
        ModelMetadata meta = ModelMetadata.of(OnnxModels.read(o.model), o.model);
        EvalData fullVal = EvalData.load(VocDataset.open(o.data, o.valSplit), meta, 0);
        List<ParetoEntry> out = new ArrayList<>();
        List<Integer> picked = pick(pareto, fullProxy, o.finetuneNetworks);
        for (int i = 0; i < pareto.size(); i++) {
            ParetoEntry e = pareto.get(i);
            if (!picked.contains(i)) {
                out.add(e);
                continue;
            }
            ModelProto student = OnnxModels.read(o.out.resolve(e.file()));
            TrainOptions t = new TrainOptions();
            t.data = o.data;
            t.trainSplit = o.trainSplit;
            t.valSplit = o.valSplit;
            t.epochs = o.finetuneEpochs;
            t.warmupEpochs = 0;
            t.lr = 5e-4;
            t.trainLimit = o.finetuneLimit;
            if (o.finetuneLimit > 0) {
                t.batch = Math.min(t.batch, o.finetuneLimit);
            }
            t.valLimit = Math.min(16, fullVal.count());
            t.seed = o.seed;
            t.threads = o.effectiveThreads();
            t.progress = o.progress;
            ModelProto tuned = FineTuner.fineTune(student, o.out.resolve(e.file()), o.model, t, null).model();
            String file = e.file().replace(".onnx", "-finetuned.onnx");
            OnnxModels.write(tuned, o.out.resolve(file));
            double miou = CandidateEvaluator.miou(tuned, fullVal, meta.numClasses(), meta.ignoreLabel());
            out.add(e.withFinal(miou, file));
        }
        double rho = Double.NaN;
        List<ParetoEntry> tuned = out.stream().filter(e -> e.finalMiou() != null).toList();
        if (tuned.size() >= 3) {
            double[] proxy = tuned.stream().mapToDouble(ParetoEntry::proxyMiou).toArray();
            double[] fin = tuned.stream().mapToDouble(ParetoEntry::finalMiou).toArray();
            rho = new SpearmansCorrelation().correlation(proxy, fin);
        }
        return new Result(out, rho);
    }

    /**
     * Which Pareto networks (sorted by cost) to fine-tune: {@code k} spread evenly over those whose proxy mIoU is at
     * least {@link #MIN_PROXY_FRACTION} of the full model's (the fast end of a front is mostly networks that cutting
     * has broken, and fine-tuning time is better spent near the accurate end), topped up with the most accurate
     * others when there are fewer; all of them when k is 0.
     */
    static List<Integer> pick(List<ParetoEntry> pareto, double fullProxy, int k) {
        if (k <= 0 || k >= pareto.size()) {
            return spread(pareto.size(), 0);
        }
        List<Integer> eligible = new ArrayList<>();
        for (int i = 0; i < pareto.size(); i++) {
            if (pareto.get(i).proxyMiou() >= MIN_PROXY_FRACTION * fullProxy) {
                eligible.add(i);
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int j : spread(eligible.size(), k)) {
            out.add(eligible.get(j));
        }
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < pareto.size(); i++) {
            if (!out.contains(i)) {
                rest.add(i);
            }
        }
        rest.sort(java.util.Comparator.comparingDouble((Integer i) -> -pareto.get(i).proxyMiou()));
        for (int i = 0; out.size() < k && i < rest.size(); i++) {
            out.add(rest.get(i));
        }
        out.sort(null);
        return out;
    }

    /**
     * Indices of {@code k} entries spread evenly over a front of {@code n} (sorted by cost, so both ends are
     * always included); all of them when k is 0 or at least n.
     */
    static List<Integer> spread(int n, int k) {
        List<Integer> out = new ArrayList<>();
        if (k <= 0 || k >= n) {
            for (int i = 0; i < n; i++) {
                out.add(i);
            }
            return out;
        }
        for (int j = 0; j < k; j++) {
            int i = k == 1 ? n - 1 : (int) Math.round((double) j * (n - 1) / (k - 1));
            if (!out.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }
}
