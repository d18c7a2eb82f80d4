package dev.edgenas.search;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.data.VocDataset;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.models.space.Genome;
import dev.edgenas.models.space.SearchSpace;
import java.nio.file.Path;

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
}
