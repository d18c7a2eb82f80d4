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

    static Result run(SearchOptions o, List<ParetoEntry> pareto) {
        ModelMetadata meta = ModelMetadata.of(OnnxModels.read(o.model), o.model);
        EvalData fullVal = EvalData.load(VocDataset.open(o.data, o.valSplit), meta, 0);
        List<ParetoEntry> out = new ArrayList<>();
        for (ParetoEntry e : pareto) {
            ModelProto student = OnnxModels.read(o.out.resolve(e.file()));
            TrainOptions t = new TrainOptions();
            t.data = o.data;
            t.trainSplit = o.trainSplit;
            t.valSplit = o.valSplit;
            t.epochs = o.finetuneEpochs;
            t.warmupEpochs = 0;
            t.lr = 5e-4;
            t.trainLimit = o.finetuneLimit;
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
        if (out.size() >= 3) {
            double[] proxy = out.stream().mapToDouble(ParetoEntry::proxyMiou).toArray();
            double[] fin = out.stream().mapToDouble(ParetoEntry::finalMiou).toArray();
            rho = new SpearmansCorrelation().correlation(proxy, fin);
        }
        return new Result(out, rho);
    }
}
