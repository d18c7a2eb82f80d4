package dev.edgenas.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.ir.ModelMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeepLabV3PlusBuilderTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> variants() {
        DeepLabConfig tiny = DeepLabConfigs.tiny();
        AsppConfig aspp = tiny.aspp();
        List<StageConfig> stages = tiny.backbone().stages();
        // Search-style config: fewer blocks, explicit (narrower) expanded widths per block.
        List<StageConfig> slim = List.of(stages.get(0), stages.get(1).withExpandedChannels(List.of(24, 20)),
                stages.get(2).withRepeats(1), stages.get(3).withExpandedChannels(List.of(40, 8)),
                stages.get(4).withRepeats(2), stages.get(5).withExpandedChannels(List.of(96)), stages.get(6));
        return Stream.of(
                Arguments.of("tiny", tiny),
                Arguments.of("default", DeepLabConfigs.defaultConfig()),
                Arguments.of("os8", tiny.withBackbone(tiny.backbone().withOutputStride(8))),
                Arguments.of("slim-blocks", tiny.withBackbone(tiny.backbone().withStages(slim))),
                Arguments.of("atrous-1-3-no-pool", tiny.withAspp(aspp.withBranches(true, List.of(true, false, true), false))),
                Arguments.of("pool-only", tiny.withAspp(aspp.withBranches(false, List.of(false, false, false), true))),
                Arguments.of("one-atrous-no-projection", tiny.withAspp(new AsppConfig(24, List.of(2), List.of(true),
                        false, false, false))),
                Arguments.of("decoder-0", tiny.withDecoder(new DecoderConfig(8, 32, 0))),
                Arguments.of("decoder-1", tiny.withDecoder(new DecoderConfig(24, 40, 1))),
                Arguments.of("non-square-os8", tiny.withInput(48, 80).withBackbone(tiny.backbone().withOutputStride(8))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void builtModelsPassTheCheckerAndRunInOnnxRuntime(String name, DeepLabConfig cfg) throws Exception {
        ModelProto m = DeepLabV3PlusBuilder.build(cfg, 7);
        ModelRuns.writeChecked(m, tmp, name);
        int h = cfg.inputHeight();
        int w = cfg.inputWidth();
        ModelRuns.Output out = ModelRuns.run(m, ModelRuns.input(2, h, w, 1), 2, 3, h, w);
        assertArrayEquals(new long[] {2, cfg.numClasses(), h, w}, out.shape());
        double sumSq = 0;
        for (float v : out.values()) {
            assertTrue(Float.isFinite(v), "non-finite logit");
            sumSq += v * v;
        }
        // An untrained but numerically sane network: logits neither vanish nor explode.
        double rms = Math.sqrt(sumSq / out.values().length);
        assertTrue(rms > 1e-3 && rms < 1e3, "logit RMS " + rms);
    }

    @Test
    void thePaperPresetBuildsAndPassesTheChecker() {
        DeepLabConfig cfg = DeepLabConfigs.paper();
        ModelProto m = DeepLabV3PlusBuilder.build(cfg, 1);
        ModelRuns.writeChecked(m, tmp, "paper");
        assertEquals(21, ModelRuns.dims(m, "decoder.classifier.weight")[0]);
        assertArrayEquals(new long[] {256, 320, 3, 3}, ModelRuns.dims(m, "aspp.atrous3.conv.weight"));
    }

    @Test
    void inputAndOutputDeclareASymbolicBatch() {
        DeepLabConfig cfg = DeepLabConfigs.tiny();
        ModelProto m = DeepLabV3PlusBuilder.build(cfg, 1);
        var in = m.getGraph().getInput(0);
        var out = m.getGraph().getOutput(0);
        assertEquals("input", in.getName());
        assertEquals("logits", out.getName());
        assertEquals("N", in.getType().getTensorType().getShape().getDim(0).getDimParam());
        assertEquals("N", out.getType().getTensorType().getShape().getDim(0).getDimParam());
        assertEquals(cfg.numClasses(), out.getType().getTensorType().getShape().getDim(1).getDimValue());
        assertEquals(1, m.getGraph().getInputCount(), "initializers must not be listed as inputs");
    }

    @Test
    void metadataCarriesPreprocessingArchitectureAndProvenance() {
        DeepLabConfig cfg = DeepLabConfigs.tiny();
        ModelProto m = DeepLabV3PlusBuilder.build(cfg, 42);
        ModelMetadata meta = ModelMetadata.of(m, Path.of("tiny.onnx"));
        assertEquals("input", meta.inputName());
        assertEquals("logits", meta.outputName());
        assertEquals(cfg.inputHeight(), meta.height());
        assertEquals(cfg.classes(), meta.classes());
        assertEquals(255, meta.ignoreLabel());
        assertEquals(0.229f, meta.std()[0], 1e-7);
        assertEquals(cfg, DeepLabConfig.ofModel(m, Path.of("tiny.onnx")));
        String prov = ModelMetadata.property(m, ModelMetadata.PROVENANCE_KEY).orElseThrow();
        assertTrue(prov.contains("\"seed\":42"), prov);
    }

    @Test
    void sameSeedAndConfigGiveIdenticalGraphs() {
        DeepLabConfig cfg = DeepLabConfigs.tiny();
        ModelProto a = DeepLabV3PlusBuilder.build(cfg, 3);
        ModelProto b = DeepLabV3PlusBuilder.build(cfg, 3);
        ModelProto c = DeepLabV3PlusBuilder.build(cfg, 4);
        assertArrayEquals(a.getGraph().toByteArray(), b.getGraph().toByteArray());
        assertEquals(ModelMetadata.property(a, ModelMetadata.ARCHITECTURE_KEY),
                ModelMetadata.property(b, ModelMetadata.ARCHITECTURE_KEY));
        assertFalse(ModelRuns.initializers(a).get("backbone.stem.conv.weight").getRawData()
                .equals(ModelRuns.initializers(c).get("backbone.stem.conv.weight").getRawData()));
    }

    @Test
    void aTensorsWeightsDoNotDependOnTheRestOfTheConfig() {
        DeepLabConfig cfg = DeepLabConfigs.tiny();
        ModelProto full = DeepLabV3PlusBuilder.build(cfg, 5);
        ModelProto cut = DeepLabV3PlusBuilder.build(cfg.withDecoder(new DecoderConfig(16, 32, 0))
                .withAspp(cfg.aspp().withBranches(true, List.of(false, false, true), false)), 5);
        for (String name : List.of("backbone.s4.b2.dw.conv.weight", "aspp.atrous3.conv.weight", "decoder.low.conv.weight")) {
            assertEquals(ModelRuns.initializers(full).get(name), ModelRuns.initializers(cut).get(name), name);
        }
    }

    @Test
    void everyNodeInputIsDefinedBeforeTheNode() {
        ModelProto m = DeepLabV3PlusBuilder.build(DeepLabConfigs.defaultConfig(), 1);
        java.util.Set<String> defined = new java.util.HashSet<>(ModelRuns.initializers(m).keySet());
        defined.add("input");
        defined.add("");
        for (var n : m.getGraph().getNodeList()) {
            for (String in : n.getInputList()) {
                assertTrue(defined.contains(in), n.getName() + " reads " + in + " before it is produced");
            }
            defined.addAll(n.getOutputList());
        }
        assertTrue(defined.contains("logits"));
    }
}
