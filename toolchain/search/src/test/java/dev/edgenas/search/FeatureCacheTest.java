package dev.edgenas.search;

import dev.edgenas.runtime.OrtInference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.data.VocDataset;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.models.space.Genome;
import dev.edgenas.models.space.SearchSpace;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCacheTest {
    @TempDir
    Path tmp;

    @Test
    void headOnlyScoringOnCachedFeaturesEqualsTheFullEvaluation() {
        Path modelFile = SearchFixture.model(tmp);
        ModelProto model = OnnxModels.read(modelFile);
        ModelMetadata meta = ModelMetadata.of(model, modelFile);
        Path data = SearchFixture.data(tmp);
        EvalData val = EvalData.load(VocDataset.open(data, "val"), meta, 0);
        EvalData calib = EvalData.load(VocDataset.open(data, "train"), meta, 0);
        SearchSpace space = SearchSpace.of(model, modelFile);
        CandidateEvaluator plain = new CandidateEvaluator(space, val, calib, List.of(), meta.numClasses(),
                meta.ignoreLabel());
        CandidateEvaluator cached = plain.withFeatureCache();
        assertTrue(cached.cacheBytes() > 0);

        SplittableRandom rng = new SplittableRandom(11);
        Set<Double> seen = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            Genome g = space.fixBackbone(space.sample(rng));
            assertTrue(space.hasFullBackbone(g));
            CandidateScore a = plain.evaluate(g);
            CandidateScore b = cached.evaluate(g);
            assertEquals(a.miou(), b.miou(), 1e-6, "genome " + g.key());
            assertEquals(a.macs(), b.macs());
            assertEquals(a.params(), b.params());
            seen.add(a.miou());

            // stronger than the mIoU: the head's logits on cached features equal the full network's logits
            FeatureCache cache = FeatureCache.build(space, val, calib);
            float[] full = run(plain.network(g), NamedBatch.images(model.getGraph().getInput(0).getName(), val, 0,
                    Math.min(CandidateEvaluator.BATCH, val.count())));
            float[] head = run(cache.head(space.subnet(g)), cache.val().get(0));
            double diff = 0;
            for (int k = 0; k < full.length; k++) {
                diff = Math.max(diff, Math.abs(full[k] - head[k]));
            }
            assertTrue(diff < 1e-4, "logits differ by " + diff + " for " + g.key());
        }
        assertTrue(seen.size() > 1, "the genomes should not all score alike: " + seen);
    }

    @Test
    void aGenomeThatCutsTheBackboneIsScoredByTheFullNetwork() {
        Path modelFile = SearchFixture.model(tmp);
        ModelProto model = OnnxModels.read(modelFile);
        ModelMetadata meta = ModelMetadata.of(model, modelFile);
        EvalData val = EvalData.load(VocDataset.open(SearchFixture.data(tmp), "val"), meta, 4);
        SearchSpace space = SearchSpace.of(model, modelFile);
        CandidateEvaluator plain = new CandidateEvaluator(space, val, null, List.of(), meta.numClasses(),
                meta.ignoreLabel());
        int gene = 0;
        while (!SearchSpace.backbone(space.choices().get(gene)) || space.choices().get(gene).options() < 2) {
            gene++;
        }
        Genome g = space.canonical(space.full().with(gene, 1));
        assertTrue(!space.hasFullBackbone(g));
        assertEquals(plain.evaluate(g).miou(), plain.withFeatureCache().evaluate(g).miou(), 0.0);
    }

    private static float[] run(ModelProto m, NamedBatch b) {
        try (OrtInference r = OrtInference.of(m, CandidateEvaluator.SCORING)) {
            return r.run(b.tensors(), List.of(r.outputName())).get(r.outputName()).data();
        }
    }
}
