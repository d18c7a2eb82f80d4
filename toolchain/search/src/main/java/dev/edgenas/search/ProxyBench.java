package dev.edgenas.search;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.data.VocDataset;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.models.space.Genome;
import dev.edgenas.models.space.SearchSpace;
import java.nio.file.Path;
import java.util.List;

/**
 * What the fidelity benchmarks ({@link RankFidelity}, {@link FineTunedFidelity}) share: the pretrained model's
 * search space and the search's proxy, a network cut from it scored on the validation subset with and without
 * BatchNorm recalibration, as the search scores it.
 */
final class ProxyBench {
    final ModelMetadata meta;
    final SearchSpace space;
    final VocDataset valSet;
    final EvalData val;
    final EvalData calib;

    ProxyBench(Path modelFile, Path data, int valSubset, int calibImages) {
        ModelProto model = OnnxModels.read(modelFile);
        this.meta = ModelMetadata.of(model, modelFile);
        this.space = SearchSpace.of(model, modelFile);
        this.valSet = VocDataset.open(data, "val");
        this.val = EvalData.load(valSet, meta, valSubset);
        this.calib = EvalData.load(VocDataset.open(data, "train"), meta, calibImages);
    }

    /** The network of a genome as cut, and recalibrated. */
    record Cut(ModelProto asCut, ModelProto recalibrated) {
    }

    Cut cut(Genome g) {
        ModelProto net = space.subnet(g);
        return new Cut(net, BnRecalibrator.recalibrate(net, calib));
    }

    double miou(ModelProto net, EvalData on) {
        return CandidateEvaluator.miou(net, on, meta.numClasses(), meta.ignoreLabel());
    }

    /**
     * {@code on}'s images labelled by {@code teacher}'s arg-max instead of the ground truth (pixels the ground truth
     * ignores stay ignored): scoring a cut network on it measures how closely it still follows the pretrained
     * model, which is what the distillation of the fine-tuning trains it towards.
     */
    EvalData teacherLabelled(ModelProto teacher, EvalData on) {
        int classes = meta.numClasses();
        int hw = on.height() * on.width();
        byte[][] masks = new byte[on.count()][];
        try (dev.edgenas.runtime.OrtInference run = dev.edgenas.runtime.OrtInference.of(teacher,
                CandidateEvaluator.SCORING)) {
            int from = 0;
            for (NamedBatch b : NamedBatch.split(teacher.getGraph().getInput(0).getName(), on, CandidateEvaluator.BATCH)) {
                float[] logits = run.run(b.tensors(), List.of(run.outputName())).get(run.outputName()).data();
                for (int i = 0; i < b.count(); i++) {
                    int[] pred = dev.edgenas.runtime.Logits.argmax(logits, i, classes, hw);
                    byte[] truth = on.masks()[from + i];
                    byte[] m = new byte[hw];
                    for (int p = 0; p < hw; p++) {
                        m[p] = (truth[p] & 0xff) == meta.ignoreLabel() ? truth[p] : (byte) pred[p];
                    }
                    masks[from + i] = m;
                }
                from += b.count();
            }
        }
        return new EvalData(on.images(), masks, on.ids(), on.height(), on.width());
    }
}
