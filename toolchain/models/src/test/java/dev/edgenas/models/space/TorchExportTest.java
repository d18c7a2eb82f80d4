package dev.edgenas.models.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.core.BadInputException;
import dev.edgenas.ir.GraphBuilder;
import dev.edgenas.ir.OnnxChecker;
import dev.edgenas.ir.OnnxModels;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PyTorch-exported fixtures (made by make_torch_deeplab.py next to them) are accepted and cut correctly. */
class TorchExportTest {
    @TempDir
    Path tmp;

    static Path fixture(Path dir, String name) throws Exception {
        Path f = dir.resolve(name);
        try (InputStream in = TorchExportTest.class.getResourceAsStream(name)) {
            Files.copy(in, f);
        }
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"torch_deeplab_folded.onnx", "torch_deeplab_bn.onnx"})
    void exportedModelsAreRecognisedAndCut(String name) throws Exception {
        Path file = fixture(tmp, name);
        ModelProto m = OnnxModels.read(file);
        SearchSpace space = SearchSpace.of(m, file);
        DeepLabStructure s = space.structure();
        assertEquals(8, s.blocks().size());
        assertEquals(List.of(1, 2, 3, 2), s.stages().stream().map(List::size).toList());
        assertEquals(List.of(AsppBranch.Kind.CONV1X1, AsppBranch.Kind.ATROUS, AsppBranch.Kind.ATROUS,
                AsppBranch.Kind.ATROUS, AsppBranch.Kind.POOL), s.branches().stream().map(AsppBranch::kind).toList());
        assertEquals(2, s.decoderConvs().size());
        assertEquals(name.contains("_bn"), s.stem().bn() != null);
        float[] x = SpaceRuns.input(2, 64, 64, 8);
        assertArrayEquals(SpaceRuns.run(m, x, 2, 3, 64, 64).values(),
                SpaceRuns.run(space.subnet(space.full()), x, 2, 3, 64, 64).values());
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < 8; i++) {
            Genome g = space.sample(rng);
            ModelProto sub = space.subnet(g);
            assertArrayEquals(new long[] {2, 5, 64, 64}, SpaceRuns.run(sub, x, 2, 3, 64, 64).shape(), g.key());
            if (i == 0) {
                Path out = tmp.resolve("sub.onnx");
                OnnxModels.write(sub, out);
                OnnxChecker.check(out);
            }
        }
        assertTrue(space.enumerateKernels(1, "fp32").size() > 20);
    }

    @Test
    void otherGraphsAreAClearError() {
        GraphBuilder b = new GraphBuilder("not_deeplab");
        String x = b.input("input", -1, 3, 8, 8);
        String w = b.floats("w", new long[] {4, 3, 1, 1}, new float[12]);
        b.node("Conv", "logits", List.of(x, w));
        b.output("logits", -1, 4, 8, 8);
        BadInputException e = assertThrows(BadInputException.class,
                () -> SearchSpace.of(b.build(), Path.of("other.onnx")));
        assertTrue(e.getMessage().contains("other.onnx") && e.getMessage().contains("docs/SEARCH.md"), e.getMessage());
    }
}
