package dev.edgenas.models.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.GraphCost;
import dev.edgenas.ir.OnnxChecker;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.ir.imports.ExportNormaliser;
import dev.edgenas.ir.imports.ImportOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * torchvision's deeplabv3_mobilenet_v3_large, exported at test time by make_torch_mnv3.py (Debian's PyTorch) and
 * normalised as every command does: MobileNetV3 blocks (squeeze-excitation, HardSwish, 5x5 depthwise) and the
 * DeepLabV3 head without decoder are recognised, and subnetworks cut from it run.
 */
class MobileNetV3SpaceTest {
    private static final String PYTHON = "/usr/bin/python3";
    @TempDir
    static Path tmp;

    @BeforeAll
    static void export() throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            throw new AssertionError(PYTHON + " missing: apt-get install python3-torch python3-torchvision");
        }
        Path script = tmp.resolve("make_torch_mnv3.py");
        try (InputStream in = MobileNetV3SpaceTest.class.getResourceAsStream("make_torch_mnv3.py")) {
            Files.copy(in, script);
        }
        Process p = new ProcessBuilder(PYTHON, script.toString(), tmp.toString(), "64").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("make_torch_mnv3.py failed (python3-torch, python3-torchvision): " + out);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void torchvisionMobileNetV3IsRecognisedAndCut(int opset) throws Exception {
        Path file = tmp.resolve("tv_mnv3_op" + opset + ".onnx");
        ModelProto raw = OnnxModels.read(file);
        ModelProto m = ExportNormaliser.normalise(raw, file, ImportOptions.defaults()).model();
        SearchSpace space = SearchSpace.of(m, file);
        DeepLabStructure s = space.structure();
        assertEquals(15, s.blocks().size());
        assertEquals(List.of(1, 2, 3, 4, 2, 3), s.stages().stream().map(List::size).toList());
        assertEquals(8, s.blocks().stream().filter(b -> b.se() != null).count(), "squeeze-excitation blocks");
        assertEquals(List.of(3, 3, 3, 5, 5, 5, 3, 3, 3, 3, 3, 3, 5, 5, 5),
                s.blocks().stream().map(b -> b.dw().kernel()).toList());
        assertEquals("hardswish", s.stem().activation());
        assertEquals(1, s.tail().size());
        assertTrue(!s.hasDecoder() && s.lowLevel() == null);
        assertNull(s.decoderConcat());
        assertEquals(List.of(AsppBranch.Kind.CONV1X1, AsppBranch.Kind.ATROUS, AsppBranch.Kind.ATROUS,
                AsppBranch.Kind.ATROUS, AsppBranch.Kind.POOL), s.branches().stream().map(AsppBranch::kind).toList());
        assertEquals(1, s.decoderConvs().size());
        assertTrue(space.choices().stream().anyMatch(c -> c.name().equals("head.width")), space.describe());
        assertTrue(space.choices().stream().noneMatch(c -> c.name().startsWith("decoder.")), space.describe());

        float[] x = SpaceRuns.input(2, 64, 64, 8);
        float[] full = SpaceRuns.run(m, x, 2, 3, 64, 64).values();
        assertArrayEquals(full, SpaceRuns.run(space.subnet(space.full()), x, 2, 3, 64, 64).values());
        long fullMacs = GraphCost.of(Graph.of(m), 1).macs();
        assertEquals(fullMacs - cutMacs(m, s, space), GraphCost.of(Graph.of(space.subnet(oneBlockCut(space))), 1).macs(),
                "MACs of a subnetwork with one squeeze-excitation block narrowed");
        SplittableRandom rng = new SplittableRandom(opset);
        for (int i = 0; i < 4; i++) {
            Genome g = space.sample(rng);
            ModelProto sub = space.subnet(g);
            assertArrayEquals(new long[] {2, 7, 64, 64}, SpaceRuns.run(sub, x, 2, 3, 64, 64).shape(), g.key());
            assertTrue(GraphCost.of(Graph.of(sub), 1).macs() < fullMacs, g.key());
            if (i == 0) {
                Path out = tmp.resolve("sub" + opset + ".onnx");
                OnnxModels.write(sub, out);
                OnnxChecker.check(out);
            }
        }
    }

    /** The full genome with the first squeeze-excitation block's expanded width at its second option. */
    private static Genome oneBlockCut(SearchSpace space) {
        BlockUnit b = firstSe(space.structure());
        List<Choice> cs = space.choices();
        for (int i = 0; i < cs.size(); i++) {
            if (cs.get(i).name().equals("expand." + b.label())) {
                return space.full().with(i, 1);
            }
        }
        throw new AssertionError("no expand choice for " + b.label());
    }

    private static BlockUnit firstSe(DeepLabStructure s) {
        return s.blocks().stream().filter(b -> b.se() != null && b.expand() != null).findFirst().orElseThrow();
    }

    /** MACs the cut removes, by hand: expand, depthwise, both squeeze-excitation convs and projection. */
    private static long cutMacs(ModelProto m, DeepLabStructure s, SearchSpace space) {
        BlockUnit b = firstSe(s);
        Choice c = space.choices().stream().filter(x -> x.name().equals("expand." + b.label())).findFirst().orElseThrow();
        long d = c.value(0) - c.value(1);
        var info = dev.edgenas.ir.ShapeInference.infer(Graph.of(m), 1);
        long inHw = info.get(b.input()).dim(2) * info.get(b.input()).dim(3);
        long outHw = info.get(b.dw().output()).dim(2) * info.get(b.dw().output()).dim(3);
        long k = b.dw().kernel();
        long squeezed = b.se().fc1().outChannels();
        return d * (inHw * b.expand().inChannels() + outHw * k * k + 2 * squeezed + outHw * b.project().outChannels());
    }
}
