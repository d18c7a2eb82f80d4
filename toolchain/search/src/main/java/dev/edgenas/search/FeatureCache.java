package dev.edgenas.search;

import dev.edgenas.runtime.OrtInference;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.models.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * The cached-activation proxy (DPC, portrait-parsing NAS): with the backbone fixed, its feature maps (low-level
 * and ASPP input) for the validation subset and the calibration images are computed once and kept in memory;
 * a head-only candidate is scored by cutting its head as a model of its own, fed by those features.
 *
 * <p>Equivalence with the full evaluation: the features come from the full network with its BatchNorm statistics
 * recalibrated on the same calibration images, which is what the backbone of every recalibrated head-only
 * candidate holds (a BN layer's batch statistics depend only on the layers before it); calibration features are
 * kept in the same chunks, so the head's statistics are averaged the same way too.
 */
final class FeatureCache {
    private final List<String> features;
    private final List<NamedBatch> val;
    private final List<NamedBatch> calib;
    private final byte[][] masks;
    private final long bytes;

    private FeatureCache(List<String> features, List<NamedBatch> val, List<NamedBatch> calib, byte[][] masks) {
        this.features = features;
        this.val = val;
        this.calib = calib;
        this.masks = masks;
        long b = 0;
        for (NamedBatch nb : val) {
            b += nb.tensors().values().stream().mapToLong(t -> 4L * t.data().length).sum();
        }
        for (NamedBatch nb : calib) {
            b += nb.tensors().values().stream().mapToLong(t -> 4L * t.data().length).sum();
        }
        this.bytes = b;
    }

    /** Runs the (recalibrated) full network's backbone once over both image sets. */
    static FeatureCache build(SearchSpace space, EvalData val, EvalData calib) {
        ModelProto full = space.subnet(space.full());
        if (calib != null) {
            full = BnRecalibrator.recalibrate(full, calib);
        }
        String input = full.getGraph().getInput(0).getName();
        List<String> features = space.backboneOutputs();
        ModelProto backbone = Subgraph.cut(full, List.of(input), features);
        try (OrtInference run = OrtInference.of(backbone, CandidateEvaluator.SCORING)) {
            List<NamedBatch> v = features(run, NamedBatch.split(input, val, CandidateEvaluator.BATCH), features);
            List<NamedBatch> c = calib == null ? List.of()
                    : features(run, NamedBatch.split(input, calib, BnRecalibrator.CHUNK), features);
            return new FeatureCache(features, v, c, val.masks());
        }
    }

    private static List<NamedBatch> features(OrtInference run, List<NamedBatch> images, List<String> names) {
        List<NamedBatch> out = new ArrayList<>();
        for (NamedBatch b : images) {
            out.add(new NamedBatch(run.run(b.tensors(), names), b.count()));
        }
        return out;
    }

    /** The candidate's head (features in, logits out), BatchNorm recalibrated on the cached calibration features. */
    ModelProto head(ModelProto subnet) {
        String logits = subnet.getGraph().getOutput(0).getName();
        ModelProto head = Subgraph.cut(subnet, features, List.of(logits));
        return calib.isEmpty() ? head : BnRecalibrator.recalibrate(head, calib);
    }

    List<NamedBatch> val() {
        return val;
    }

    byte[][] masks() {
        return masks;
    }

    /** Memory held by the cached features. */
    long bytes() {
        return bytes;
    }
}
