package dev.edgenas.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.edgenas.ir.Attrs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documented naming scheme (docs/MODELS.md), checked on the default preset. */
class DeepLabNamingTest {
    private static final ModelProto DEFAULT = DeepLabV3PlusBuilder.build(DeepLabConfigs.defaultConfig(), 11);

    @Test
    void backboneTensorsAreNamedByStageAndBlock() {
        // x0.5: stem 16, stage widths 8, 16, 16, 32, 48, 80, 160 (multiples of 8, at least 8).
        assertArrayEquals(new long[] {16, 3, 3, 3}, dims("backbone.stem.conv.weight"));
        for (String part : List.of("scale", "bias", "mean", "var")) {
            assertArrayEquals(new long[] {16}, dims("backbone.stem.bn." + part));
        }
        assertFalse(init().containsKey("backbone.s1.b1.expand.conv.weight"), "t=1 has no expand conv");
        assertArrayEquals(new long[] {16, 1, 3, 3}, dims("backbone.s1.b1.dw.conv.weight"));
        assertArrayEquals(new long[] {8, 16, 1, 1}, dims("backbone.s1.b1.project.conv.weight"));
        assertArrayEquals(new long[] {48, 8, 1, 1}, dims("backbone.s2.b1.expand.conv.weight"));
        assertArrayEquals(new long[] {96, 1, 3, 3}, dims("backbone.s2.b2.dw.conv.weight"));
        assertArrayEquals(new long[] {160, 480, 1, 1}, dims("backbone.s7.b1.project.conv.weight"));
        assertTrue(init().containsKey("backbone.s6.b3.project.bn.var"));
        assertFalse(init().containsKey("backbone.s6.b4.dw.conv.weight"));
    }

    @Test
    void headTensorsAreNamedByBranch() {
        assertArrayEquals(new long[] {128, 160, 1, 1}, dims("aspp.conv1x1.conv.weight"));
        for (int i = 1; i <= 3; i++) {
            assertArrayEquals(new long[] {128, 160, 3, 3}, dims("aspp.atrous" + i + ".conv.weight"));
        }
        assertArrayEquals(new long[] {128, 160, 1, 1}, dims("aspp.pool.conv.weight"));
        assertArrayEquals(new long[] {128, 5 * 128, 1, 1}, dims("aspp.project.conv.weight"));
        assertArrayEquals(new long[] {48, 16, 1, 1}, dims("decoder.low.conv.weight"));
        assertArrayEquals(new long[] {128, 128 + 48, 3, 3}, dims("decoder.conv1.conv.weight"));
        assertArrayEquals(new long[] {128, 128, 3, 3}, dims("decoder.conv2.conv.weight"));
        assertArrayEquals(new long[] {7, 128, 1, 1}, dims("decoder.classifier.weight"));
        assertArrayEquals(new long[] {7}, dims("decoder.classifier.bias"));
    }

    @Test
    void nodesAreNamedLikeTheirOutputsAndCarryTheDocumentedOps() {
        Map<String, NodeProto> nodes = ModelRuns.nodes(DEFAULT);
        for (NodeProto n : DEFAULT.getGraph().getNodeList()) {
            assertEquals(List.of(n.getName()), n.getOutputList(), "node " + n.getName());
            assertTrue(n.getName().matches("(backbone|aspp|decoder)\\..+|logits"), n.getName());
        }
        assertEquals("Clip", nodes.get("backbone.s3.b2.dw.relu6").getOpType());
        assertEquals("Add", nodes.get("backbone.s3.b2.add").getOpType());
        assertFalse(nodes.containsKey("backbone.s3.b1.add"), "stride-2 block has no residual");
        assertEquals("Relu", nodes.get("aspp.atrous2.relu").getOpType());
        assertEquals("GlobalAveragePool", nodes.get("aspp.pool.gap").getOpType());
        assertEquals("Resize", nodes.get("aspp.pool.resize").getOpType());
        assertEquals("Concat", nodes.get("aspp.concat").getOpType());
        assertEquals("Resize", nodes.get("decoder.upsample").getOpType());
        assertEquals("Concat", nodes.get("decoder.concat").getOpType());
        assertEquals("Conv", nodes.get("decoder.classifier").getOpType());
        NodeProto out = nodes.get("logits");
        assertEquals("Resize", out.getOpType());
        assertEquals("linear", Attrs.getString(out, "mode", ""));
        assertEquals("half_pixel", Attrs.getString(out, "coordinate_transformation_mode", ""));
        assertEquals("logits", DEFAULT.getGraph().getNode(DEFAULT.getGraph().getNodeCount() - 1).getName());
    }

    @Test
    void theLowLevelFeaturesComeFromTheLastStrideFourBlock() {
        NodeProto low = ModelRuns.nodes(DEFAULT).get("decoder.low.conv");
        assertEquals("backbone.s2.b2.add", low.getInput(0));
    }

    @Test
    void removedBranchesLeaveNoTensorsAndKeepTheOthersNames() {
        DeepLabConfig cfg = DeepLabConfigs.tiny();
        ModelProto m = DeepLabV3PlusBuilder.build(cfg.withAspp(cfg.aspp().withBranches(false, List.of(false, true, false),
                true)).withDecoder(new DecoderConfig(16, 32, 1)), 1);
        Map<String, ?> init = ModelRuns.initializers(m);
        assertTrue(init.containsKey("aspp.atrous2.conv.weight"));
        assertTrue(init.containsKey("aspp.pool.conv.weight"));
        assertTrue(init.containsKey("decoder.conv1.conv.weight"));
        for (String gone : List.of("aspp.conv1x1.conv.weight", "aspp.atrous1.conv.weight", "aspp.atrous3.conv.weight",
                "decoder.conv2.conv.weight")) {
            assertFalse(init.containsKey(gone), gone);
        }
        NodeProto atrous = ModelRuns.nodes(m).get("aspp.atrous2.conv");
        assertArrayEquals(new long[] {2, 2}, Attrs.getInts(atrous, "dilations"), "atrous2 keeps rate 2");
    }

    private static Map<String, ?> init() {
        return ModelRuns.initializers(DEFAULT);
    }

    private static long[] dims(String name) {
        return ModelRuns.dims(DEFAULT, name);
    }
}
