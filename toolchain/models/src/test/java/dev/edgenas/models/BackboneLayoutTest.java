package dev.edgenas.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BackboneLayoutTest {
    /** "stride/dilation" of every block's depthwise conv, stage by stage. */
    private static String strides(BackboneLayout l) {
        return l.blocks().stream().map(b -> b.stride() + "/" + b.dilation()).collect(Collectors.joining(" "));
    }

    @Test
    void outputStride16DilatesTheLastStrideTwoStage() {
        BackboneLayout l = DeepLabConfigs.defaultConfig().backboneLayout();
        // s1 | s2 x2 | s3 x3 | s4 x4 | s5 x3 | s6 x3 (stride 2 -> dilation 2, first block keeps 1) | s7
        assertEquals("1/1 2/1 1/1 2/1 1/1 1/1 2/1 1/1 1/1 1/1 1/1 1/1 1/1 1/1 1/2 1/2 1/2", strides(l));
        assertEquals(16, l.reachedStride());
        assertEquals(16, l.last().outputStride());
        assertEquals(4, l.lowLevel().outputStride());
        assertEquals("backbone.s2.b2", l.lowLevel().prefix());
    }

    @Test
    void outputStride8DilatesTwoStages() {
        DeepLabConfig c = DeepLabConfigs.defaultConfig();
        BackboneLayout l = c.withBackbone(c.backbone().withOutputStride(8)).backboneLayout();
        // s4 keeps dilation 1 in its first block; s6 turns its stride into dilation 4 from its second block on.
        assertEquals("1/1 2/1 1/1 2/1 1/1 1/1 1/1 1/2 1/2 1/2 1/2 1/2 1/2 1/2 1/4 1/4 1/4", strides(l));
        assertEquals(8, l.reachedStride());
    }

    @Test
    void widthsAreRoundedToMultiplesOfEightTheMobileNetWay() {
        assertEquals(8, BackboneConfig.makeDivisible(4, 8));
        assertEquals(16, BackboneConfig.makeDivisible(12, 8));
        assertEquals(24, BackboneConfig.makeDivisible(20, 8));
        assertEquals(40, BackboneConfig.makeDivisible(40, 8));
        // 27 would round to 24, more than 10% below 27, so it goes up to 32.
        assertEquals(32, BackboneConfig.makeDivisible(27, 8));
    }

    @Test
    void customExpandedWidthsAndResidualsFollowTheConfig() {
        DeepLabConfig c = DeepLabConfigs.tiny();
        List<StageConfig> stages = new java.util.ArrayList<>(c.backbone().stages());
        stages.set(3, stages.get(3).withExpandedChannels(List.of(40, 8)));
        BackboneLayout l = c.withBackbone(c.backbone().withStages(stages)).backboneLayout();
        List<BlockLayout> s4 = l.blocks().stream().filter(b -> b.stage() == 4).toList();
        assertEquals(2, s4.size());
        assertEquals(40, s4.get(0).expandedChannels());
        assertEquals(8, s4.get(1).expandedChannels());
        assertEquals(false, s4.get(0).residual());
        assertEquals(true, s4.get(1).residual());
    }
}
