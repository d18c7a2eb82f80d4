package dev.edgenas.ir.imports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.edgenas.core.BadInputException;
import dev.edgenas.ir.Attrs;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.GraphBuilder;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxChecker;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.ir.Tensors;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter constructs, each in a small graph shaped like torch.onnx.export's output. */
class ExportNormaliserTest {
    @TempDir
    Path tmp;

    /** Conv -> Clip(Constant, Constant) -> Dropout -> Conv(bias via Identity) -> Resize(sizes from a Shape chain). */
    static ModelProto export() {
        GraphBuilder b = new GraphBuilder("export", 13);
        String x = b.input("input.1", 1, 3, 6, 6);
        String w = b.floats("w", new long[] {4, 3, 3, 3}, new float[108]);
        String c = b.node("Conv", "conv", List.of(x, w), Attrs.ints("strides", 2, 2), Attrs.ints("pads", 1, 1, 1, 1));
        String lo = b.node("Constant", "lo", List.of(), Attrs.tensor("value", Tensors.floats("", new long[0], new float[] {0})));
        String hi = b.node("Constant", "hi", List.of(), Attrs.tensor("value", Tensors.floats("", new long[0], new float[] {6})));
        String r6 = b.node("Clip", "relu6", List.of(c, lo, hi));
        String d = b.node("Dropout", "drop", List.of(r6));
        String bias = b.floats("bias", new long[] {2}, new float[] {0.5f, 0.5f});
        String shared = b.node("Identity", "shared_bias", List.of(bias));
        String w2 = b.floats("w2", new long[] {2, 4, 1, 1}, new float[8]);
        String y = b.node("Conv", "cls", List.of(d, w2, shared));
        String shape = b.node("Shape", "shape", List.of(y));
        String nc = b.node("Slice", "nc", List.of(shape, b.longs("s0", 0), b.longs("s1", 2), b.longs("s2", 0)));
        String xs = b.node("Shape", "xshape", List.of(x)); // F.interpolate(size=x.shape[2:])
        String hw = b.node("Slice", "hw", List.of(xs, b.longs("s3", 2), b.longs("s4", 4), b.longs("s5", 0)));
        String sizes = b.node("Concat", "sizes", List.of(nc, hw), Attrs.i("axis", 0));
        b.node("Resize", "logits", List.of(y, "", "", sizes), Attrs.s("mode", "linear"),
                Attrs.s("coordinate_transformation_mode", "pytorch_half_pixel"));
        b.output("logits", 1, 2, 6, 6);
        return b.build();
    }

    @Test
    void normalisesEveryExporterConstruct() {
        ModelProto raw = export();
        assertTrue(ExportNormaliser.needed(raw));
        ImportReport r = ExportNormaliser.normalise(raw, Path.of("export.onnx"), ImportOptions.defaults());
        ModelProto m = r.model();
        List<String> ops = m.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
        assertEquals(List.of("Conv", "Clip", "Conv", "Resize"), ops);
        Graph g = Graph.of(m);
        NodeProto clip = m.getGraph().getNode(1);
        assertTrue(g.isInitializer(clip.getInput(1)) && g.isInitializer(clip.getInput(2)), "Clip bounds");
        NodeProto resize = m.getGraph().getNode(3);
        assertEquals(3, resize.getInputCount());
        assertArrayEquals(new float[] {1, 1, 2, 2}, Tensors.toFloats(g.initializer(resize.getInput(2))));
        assertEquals(clip.getOutput(0), m.getGraph().getNode(2).getInput(0), "Dropout bypassed");
        assertFalse(m.getGraph().getNode(2).getInput(2).equals("bias"), "the shared tensor is not reused");
        assertTrue(g.isInitializer(m.getGraph().getNode(2).getInput(2)), "bias behind Identity is its own initializer");
        assertEquals("N", m.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
        assertEquals("N", m.getGraph().getOutput(0).getType().getTensorType().getShape().getDim(0).getDimParam());
        assertEquals(2, r.changes().get(ExportNormaliser.CONSTANTS));
        assertEquals(1, r.changes().get(ExportNormaliser.RESIZES));
        assertEquals(2, r.changes().get(ExportNormaliser.DROPPED));
        assertEquals(1, r.changes().get(ExportNormaliser.COPIED));
        ModelMetadata meta = ModelMetadata.of(m, Path.of("m"));
        assertEquals(List.of("class0", "class1"), meta.classes());
        assertEquals(6, meta.height());
        assertEquals(List.of("class names (class0..class1)", "mean/std (ImageNet)"), r.defaulted());
        assertFalse(ExportNormaliser.needed(m), "normalising twice changes nothing");
    }

    @Test
    void importedModelPassesTheChecker() {
        Path out = tmp.resolve("m.onnx");
        OnnxModels.write(ExportNormaliser.normalise(export(), Path.of("export.onnx"), ImportOptions.defaults()).model(), out);
        OnnxChecker.check(out);
    }

    @Test
    void scalesReproduceTheFoldedSizeInFloat() {
        long[] in = {1, 1, 3, 7, 33};
        long[] out = {1, 1, 5, 13, 65};
        float[] s = ExportNormaliser.scales(in, out);
        for (int i = 0; i < in.length; i++) {
            assertEquals(out[i], (long) (s[i] * (float) in[i]));
        }
    }

    @Test
    void inputSizeRefoldsTheChainsAtThatSize() {
        ImportOptions o = new ImportOptions(null, null, null, 12, 12, 255);
        ImportReport r = ExportNormaliser.normalise(export(), Path.of("export.onnx"), o);
        assertEquals(12, r.metadata().height());
        Graph g = Graph.of(r.model());
        // the chains fold at 12x12: the stride-2 Conv gives 6x6, resized to the input's 12x12
        assertArrayEquals(new float[] {1, 1, 2, 2}, Tensors.toFloats(g.initializer(r.model().getGraph().getNode(3).getInput(2))));
    }

    @Test
    void datasetClassNamesAreUsedOnlyWhenTheyFit() {
        ImportReport fits = ExportNormaliser.normalise(export(), Path.of("e.onnx"), ImportOptions.withDatasetClasses(List.of("bg", "fg")));
        assertEquals(List.of("bg", "fg"), fits.metadata().classes());
        ImportReport not = ExportNormaliser.normalise(export(), Path.of("e.onnx"),
                ImportOptions.withDatasetClasses(List.of("a", "b", "c")));
        assertEquals(List.of("class0", "class1"), not.metadata().classes());
    }

    @Test
    void wrongClassCountNamesTheOutput() {
        ImportOptions o = new ImportOptions(List.of("a", "b", "c"), null, null, null, null, 255);
        BadInputException e = assertThrows(BadInputException.class,
                () -> ExportNormaliser.normalise(export(), Path.of("export.onnx"), o));
        assertTrue(e.getMessage().startsWith("export.onnx") && e.getMessage().contains("graph.output.logits.shape[1]"),
                e.getMessage());
    }
}
