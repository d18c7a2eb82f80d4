package dev.edgenas.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.core.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeepLabConfigTest {
    @TempDir
    Path tmp;

    @Test
    void presetsAndSearchStyleConfigsRoundTripThroughJson() throws Exception {
        DeepLabConfig t = DeepLabConfigs.tiny();
        DeepLabConfig custom = t.withBackbone(t.backbone().withStages(List.of(StageConfig.of(1, 16, 1, 1),
                        StageConfig.of(6, 24, 2, 2).withExpandedChannels(List.of(40, 12)), StageConfig.of(4, 32, 1, 2))
                        ).withOutputStride(8))
                .withAspp(new AsppConfig(24, List.of(1, 2, 3), List.of(false, true, false), true, false, false))
                .withDecoder(new DecoderConfig(8, 16, 0)).validate();
        for (DeepLabConfig c : List.of(DeepLabConfigs.defaultConfig(), t, DeepLabConfigs.paper(), custom)) {
            assertEquals(c, DeepLabConfig.fromJson(c.toJson(), "test"));
            Path f = tmp.resolve("c.json");
            c.write(f);
            assertEquals(c, DeepLabConfig.read(f));
        }
    }

    @Test
    void presetsAreFoundByName() {
        assertEquals(List.of("default", "paper", "tiny"), DeepLabConfigs.names());
        assertEquals(DeepLabConfigs.tiny(), DeepLabConfigs.preset("tiny"));
        BadInputException e = assertThrows(BadInputException.class, () -> DeepLabConfigs.preset("huge"));
        assertTrue(e.getMessage().contains("huge") && e.getMessage().contains("default, paper, tiny"), e.getMessage());
    }

    static Stream<Arguments> invalid() {
        DeepLabConfig t = DeepLabConfigs.tiny();
        return Stream.of(
                bad("backbone.outputStride", c -> c.withBackbone(c.backbone().withOutputStride(32))),
                bad("inputHeight", c -> c.withInput(72, 64)),
                bad("inputWidth", c -> c.withInput(64, 0)),
                bad("aspp.channels", c -> c.withAspp(c.aspp().withChannels(0))),
                bad("aspp", c -> c.withAspp(c.aspp().withBranches(false, List.of(false, false, false), false))),
                bad("aspp.atrous", c -> c.withAspp(c.aspp().withBranches(true, List.of(true), true))),
                bad("decoder.channels", c -> c.withDecoder(new DecoderConfig(16, 0, 2))),
                bad("decoder.lowLevelChannels", c -> c.withDecoder(new DecoderConfig(0, 32, 2))),
                bad("decoder.convs", c -> c.withDecoder(new DecoderConfig(16, 32, 3))),
                bad("backbone.stages[2].channels", c -> stages(c, 2, new StageConfig(6, 0, 3, 2, List.of()))),
                bad("backbone.stages[3].stride", c -> stages(c, 3, StageConfig.of(6, 64, 4, 3))),
                bad("backbone.stages[1].expandedChannels[1]", c -> stages(c, 1,
                        new StageConfig(6, 24, 2, 2, List.of(12, 0)))),
                bad("backbone.stages[1].expandedChannels", c -> stages(c, 1, new StageConfig(6, 24, 2, 2, List.of(12)))),
                bad("backbone.stages[0].expandedChannels[0]", c -> stages(c, 0, new StageConfig(1, 16, 1, 1, List.of(4)))),
                bad("backbone.widthMultiplier", c -> c.withBackbone(new BackboneConfig(0, 16, 32, c.backbone().stages()))),
                bad("backbone.outputStride", c -> c.withBackbone(c.backbone().withStages(
                        c.backbone().stages().subList(0, 3)))),
                bad("classes[2]", c -> c.withClasses(List.of("a", "b", "a"))),
                bad("ignoreLabel", c -> new DeepLabConfig(64, 64, List.of("a", "b"), c.mean(), c.std(), 1,
                        c.backbone(), c.aspp(), c.decoder())),
                bad("std[1]", c -> new DeepLabConfig(64, 64, c.classes(), c.mean(), List.of(0.2, 0.0, 0.2), 255,
                        c.backbone(), c.aspp(), c.decoder())))
                .map(a -> Arguments.of(a.get()[0], ((UnaryOperator<DeepLabConfig>) a.get()[1]).apply(t)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidConfigsNameTheField(String field, DeepLabConfig cfg) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> DeepLabV3PlusBuilder.build(cfg, 1));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith("model config: " + field + ": "), e.getMessage());
        // The same config read from a file names the file and the field.
        Path f = tmp.resolve("bad.json");
        cfg.write(f);
        BadInputException fromFile = assertThrows(BadInputException.class, () -> DeepLabConfig.read(f));
        assertEquals(f + ": " + field + ": " + e.problem(), fromFile.getMessage());
    }

    @Test
    void filesMustSpellOutEveryFieldAndNoUnknownOnes() throws Exception {
        String json = DeepLabConfigs.tiny().toJson();
        Path missing = tmp.resolve("missing.json");
        Files.writeString(missing, json.replace("\"imagePooling\":true,", ""));
        BadInputException e = assertThrows(BadInputException.class, () -> DeepLabConfig.read(missing));
        assertEquals(missing + ": aspp.imagePooling: missing (every field must be given)", e.getMessage());
        Path unknown = tmp.resolve("unknown.json");
        Files.writeString(unknown, json.replace("\"convs\":2", "\"convs\":2,\"kernel\":5"));
        e = assertThrows(BadInputException.class, () -> DeepLabConfig.read(unknown));
        assertTrue(e.getMessage().startsWith(unknown + ": decoder.kernel: unknown field"), e.getMessage());
        Path wrongType = tmp.resolve("type.json");
        Files.writeString(wrongType, json.replace("\"rates\":[1,2,3]", "\"rates\":[1,\"two\",3]"));
        e = assertThrows(BadInputException.class, () -> DeepLabConfig.read(wrongType));
        assertTrue(e.getMessage().startsWith(wrongType + ": aspp.rates[1]: "), e.getMessage());
        Path absent = tmp.resolve("absent.json");
        e = assertThrows(BadInputException.class, () -> DeepLabConfig.read(absent));
        assertEquals(absent + ": file not found", e.getMessage());
    }

    private static DeepLabConfig stages(DeepLabConfig c, int index, StageConfig s) {
        List<StageConfig> list = new java.util.ArrayList<>(c.backbone().stages());
        list.set(index, s);
        return c.withBackbone(c.backbone().withStages(list));
    }

    private static java.util.function.Supplier<Object[]> bad(String field, UnaryOperator<DeepLabConfig> change) {
        return () -> new Object[] {field, change};
    }
}
