package dev.edgenas.models.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.edgenas.ir.FloatDiffs;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.GraphCost;
import dev.edgenas.ir.Kernel;
import dev.edgenas.ir.KernelDetector;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxChecker;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.ir.Tensors;
import dev.edgenas.models.DeepLabConfig;
import dev.edgenas.models.DeepLabConfigs;
import dev.edgenas.models.DeepLabV3PlusBuilder;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchSpaceTest {
    static final DeepLabConfig TINY = DeepLabConfigs.tiny();
    static final ModelProto MODEL = SpaceRuns.randomiseBatchNorm(DeepLabV3PlusBuilder.build(TINY, 5), 11);
    static final SearchSpace SPACE = SearchSpace.of(MODEL, Path.of("tiny.onnx"));

    @TempDir
    Path tmp;

    @Test
    void fullGenomeReproducesTheOriginalOutputsExactly() throws Exception {
        float[] x = SpaceRuns.input(2, 64, 64, 1);
        SpaceRuns.Output a = SpaceRuns.run(MODEL, x, 2, 3, 64, 64);
        SpaceRuns.Output b = SpaceRuns.run(SPACE.subnet(SPACE.full()), x, 2, 3, 64, 64);
        assertArrayEquals(a.values(), b.values());
        assertEquals(MODEL.getGraph().getNodeCount(), SPACE.subnet(SPACE.full()).getGraph().getNodeCount());
    }

    @Test
    void fixingTheBackboneKeepsItsChoicesAndFeatureTensorsWhileTheHeadVaries() {
        SplittableRandom rng = new SplittableRandom(8);
        java.util.Set<String> heads = new java.util.HashSet<>();
        for (int i = 0; i < 10; i++) {
            Genome sampled = SPACE.sample(rng);
            Genome g = SPACE.fixBackbone(sampled);
            assertTrue(SPACE.hasFullBackbone(g));
            for (int c = 0; c < g.length(); c++) {
                if (SearchSpace.backbone(SPACE.choices().get(c))) {
                    assertEquals(0, g.get(c));
                } else {
                    assertEquals(SPACE.canonical(sampled).get(c), g.get(c), SPACE.choices().get(c).name());
                }
            }
            heads.add(g.key());
            java.util.Set<String> produced = new java.util.HashSet<>();
            SPACE.subnet(g).getGraph().getNodeList().forEach(n -> produced.addAll(n.getOutputList()));
            assertTrue(produced.containsAll(SPACE.backboneOutputs()), SPACE.backboneOutputs().toString());
        }
        assertTrue(heads.size() > 5);
        int gene = 0;
        while (!SearchSpace.backbone(SPACE.choices().get(gene)) || SPACE.choices().get(gene).options() < 2) {
            gene++;
        }
        assertTrue(!SPACE.hasFullBackbone(SPACE.full().with(gene, 1)));
        assertEquals(2, SPACE.backboneOutputs().size());
    }

    @Test
    void sampledSubnetsRunWithTheExpectedShapesAndMatchTheBuilderLayout() throws Exception {
        SplittableRandom rng = new SplittableRandom(3);
        float[] x = SpaceRuns.input(1, 64, 64, 2);
        long fullMacs = GraphCost.of(Graph.of(MODEL), 1).macs();
        for (int i = 0; i < 12; i++) {
            Genome g = SPACE.sample(rng);
            ModelProto sub = SPACE.subnet(g);
            SpaceRuns.Output out = SpaceRuns.run(sub, x, 1, 3, 64, 64);
            assertArrayEquals(new long[] {1, TINY.numClasses(), 64, 64}, out.shape(), g.key());
            assertTrue(GraphCost.of(Graph.of(sub), 1).macs() <= fullMacs);
            assertEquals(g.key(), ModelMetadata.property(sub, SearchSpace.GENOME_KEY).orElseThrow());
            // the recorded architecture builds to exactly the same tensors
            DeepLabConfig cfg = DeepLabConfig.ofModel(sub, Path.of("sub.onnx"));
            Map<String, String> built = shapes(DeepLabV3PlusBuilder.build(cfg, 1));
            Map<String, String> cut = shapes(sub);
            Set<String> diff = new java.util.TreeSet<>(built.entrySet().stream().map(Object::toString).toList());
            diff.removeAll(cut.entrySet().stream().map(Object::toString).toList());
            assertEquals(built, cut, g.key() + ": built but not cut: " + diff);
            if (i < 3) {
                Path f = tmp.resolve("sub" + i + ".onnx");
                OnnxModels.write(sub, f);
                OnnxChecker.check(f);
            }
        }
    }

    @Test
    void cuttingChannelsEqualsZeroingThemInEveryCoupledConsumer() throws Exception {
        // widths only: every expand, ASPP, low and decoder width at its second-smallest option
        Genome g = SPACE.full();
        for (int i = 0; i < SPACE.choices().size(); i++) {
            Choice c = SPACE.choices().get(i);
            if (c.kind() == Choice.Kind.EXPAND || c.kind() == Choice.Kind.ASPP_WIDTH || c.kind() == Choice.Kind.LOW_WIDTH
                    || c.kind() == Choice.Kind.DECODER_WIDTH) {
                g = g.with(i, Math.max(0, c.options() - 2));
            }
        }
        SubnetSpec spec = SPACE.spec(g);
        DeepLabStructure s = SPACE.structure();
        EditableModel zeroed = new EditableModel(MODEL);
        int bi = 0;
        for (BlockUnit b : s.blocks()) {
            if (b.expand() != null) {
                zeroColumns(zeroed, b.project(), 0, removed(SPACE.kept("block." + b.label(), spec.widths().get(bi)),
                        b.expandedChannels()));
            }
            bi++;
        }
        int offset = 0;
        for (int i = 0; i < s.branches().size(); i++) {
            int c = s.branches().get(i).unit().outChannels();
            zeroColumns(zeroed, s.asppProject(), offset, removed(SPACE.kept("branch." + i, spec.asppWidth()), c));
            offset += c;
        }
        ConvUnit conv1 = s.decoderConvs().get(0);
        zeroColumns(zeroed, conv1, 0, removed(SPACE.kept("aspp.project", spec.asppWidth()), s.asppProject().outChannels()));
        zeroColumns(zeroed, conv1, s.asppProject().outChannels(),
                removed(SPACE.kept("decoder.low", spec.lowWidth()), s.decoderLow().outChannels()));
        int d = conv1.outChannels();
        zeroColumns(zeroed, s.decoderConvs().get(1), 0, removed(SPACE.kept("decoder.conv1", spec.decoderWidth()), d));
        zeroColumns(zeroed, s.classifier(), 0, removed(SPACE.kept("decoder.conv2", spec.decoderWidth()), d));
        float[] x = SpaceRuns.input(2, 64, 64, 4);
        float[] cut = SpaceRuns.run(SPACE.subnet(g), x, 2, 3, 64, 64).values();
        float[] ref = SpaceRuns.run(zeroed.build(), x, 2, 3, 64, 64).values();
        float[] full = SpaceRuns.run(MODEL, x, 2, 3, 64, 64).values();
        assertTrue(FloatDiffs.maxAbsDiff(cut, ref) < 1e-4, "cut vs zeroed: " + FloatDiffs.maxAbsDiff(cut, ref));
        assertTrue(FloatDiffs.maxAbsDiff(cut, full) > 1e-2, "the cut must change the output");
    }

    @Test
    void droppedResidualBlocksAreIdentities() throws Exception {
        Genome g = SPACE.full();
        EditableModel ref = new EditableModel(MODEL);
        for (int i = 0; i < SPACE.choices().size(); i++) {
            Choice c = SPACE.choices().get(i);
            if (c.kind() == Choice.Kind.DEPTH && c.options() > 1) {
                g = g.with(i, c.options() - 1);
            }
        }
        SubnetSpec spec = SPACE.spec(g);
        for (int si = 0; si < SPACE.structure().stages().size(); si++) {
            var stage = SPACE.structure().stages().get(si);
            for (int k = spec.depths().get(si); k < stage.size(); k++) {
                ConvUnit p = stage.get(k).project();
                int n = p.outChannels();
                ref.put(p.bn().scale(), new long[] {n}, new float[n]);
                ref.put(p.bn().bias(), new long[] {n}, new float[n]);
            }
        }
        float[] x = SpaceRuns.input(1, 64, 64, 5);
        float[] cut = SpaceRuns.run(SPACE.subnet(g), x, 1, 3, 64, 64).values();
        float[] zero = SpaceRuns.run(ref.build(), x, 1, 3, 64, 64).values();
        assertTrue(FloatDiffs.maxAbsDiff(cut, zero) < 1e-4, "dropped vs zero-output block: " + FloatDiffs.maxAbsDiff(cut, zero));
        assertTrue(SPACE.subnet(g).getGraph().getNodeCount() < MODEL.getGraph().getNodeCount());
    }

    @Test
    void enumeratedKernelsCoverEverySampledSubnet() {
        Set<KernelKey> all = SPACE.enumerateKernels(1, "fp32");
        SplittableRandom rng = new SplittableRandom(9);
        for (int i = 0; i < 40; i++) {
            Genome g = SPACE.sample(rng);
            for (Kernel k : KernelDetector.detect(Graph.of(SPACE.subnet(g)), 1)) {
                assertTrue(all.contains(k.key()), g.key() + " has " + k.key() + " not enumerated");
            }
        }
        assertTrue(all.stream().allMatch(k -> k.precision().equals("fp32")));
        assertTrue(SPACE.enumerateKernels(2, "int8").stream().allMatch(k -> k.precision().equals("int8")
                && k.output().get(0) == 2));
    }

    @Test
    void genomesAreCanonicalAndKeysRoundTrip() {
        SplittableRandom rng = new SplittableRandom(1);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Genome g = SPACE.sample(rng);
            assertEquals(g, SPACE.canonical(g));
            assertEquals(g, Genome.parse(g.key()));
            keys.add(g.key());
        }
        assertTrue(keys.size() > 150, "samples should rarely repeat in a space of " + SPACE.exactSize());
        assertEquals(SPACE.full(), SPACE.canonical(SPACE.full()));
        assertTrue(SPACE.size() > 1_000_000);
        assertEquals(Math.log10(SPACE.exactSize().doubleValue()), SPACE.log10Size(), 1e-9);
        // dropping every ASPP branch keeps the first one
        Genome none = SPACE.full();
        for (int i = 0; i < SPACE.choices().size(); i++) {
            Choice c = SPACE.choices().get(i);
            if (c.kind().name().startsWith("ASPP_") && c.kind() != Choice.Kind.ASPP_WIDTH) {
                none = none.with(i, c.options() - 1);
            }
        }
        assertEquals(1, SPACE.spec(none).keptBranches());
        assertNotEquals(none, SPACE.canonical(none));
    }

    @Test
    void defaultModelSpaceReachesAFewPercentOfTheFullMacs() {
        ModelProto m = DeepLabV3PlusBuilder.build(DeepLabConfigs.defaultConfig(), 1);
        SearchSpace space = SearchSpace.of(m, Path.of("default.onnx"));
        int[] smallest = new int[space.choices().size()];
        for (int i = 0; i < smallest.length; i++) {
            smallest[i] = space.choices().get(i).options() - 1;
        }
        long full = GraphCost.of(Graph.of(m), 1).macs();
        long small = GraphCost.of(Graph.of(space.subnet(new Genome(smallest))), 1).macs();
        assertTrue(small < 0.06 * full, "smallest/full MACs = " + (double) small / full);
    }

    private static int[] removed(int[] kept, int n) {
        Set<Integer> k = new HashSet<>();
        for (int c : kept) {
            k.add(c);
        }
        return java.util.stream.IntStream.range(0, n).filter(c -> !k.contains(c)).toArray();
    }

    private static void zeroColumns(EditableModel m, ConvUnit u, int offset, int[] channels) {
        long[] d = m.dims(u.weight());
        float[] w = m.floats(u.weight());
        int in = (int) d[1];
        int k2 = (int) (d[2] * d[3]);
        for (int o = 0; o < d[0]; o++) {
            for (int c : channels) {
                for (int k = 0; k < k2; k++) {
                    w[(o * in + offset + c) * k2 + k] = 0;
                }
            }
        }
        m.put(u.weight(), d, w);
    }

    private static Map<String, String> shapes(ModelProto m) {
        Map<String, String> out = new TreeMap<>();
        for (TensorProto t : m.getGraph().getInitializerList()) {
            out.put(t.getName(), java.util.Arrays.toString(Tensors.dims(t)));
        }
        return out;
    }

    @SuppressWarnings("unused")
    private static Random unused() {
        return new Random();
    }
}
