package dev.edgenas.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.core.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphLayerTest {
    @TempDir
    Path tmp;

    @Test
    void protobufRoundTripIsByteIdentical() throws Exception {
        ModelProto m = TestGraphs.block().build();
        Path a = tmp.resolve("a.onnx");
        OnnxModels.write(m, a);
        OnnxChecker.check(a);
        Path b = tmp.resolve("b.onnx");
        OnnxModels.write(OnnxModels.read(a), b);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertEquals(m, OnnxModels.read(b));
    }

    @Test
    void truncatedModelIsAClearError() throws Exception {
        Path a = tmp.resolve("model.onnx");
        OnnxModels.write(TestGraphs.block().build(), a);
        byte[] bytes = Files.readAllBytes(a);
        Path cut = tmp.resolve("cut.onnx");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        BadInputException e = assertThrows(BadInputException.class, () -> OnnxModels.read(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
    }

    @Test
    void shapesOfEveryOperator() {
        Map<String, TensorInfo> s = ShapeInference.infer(Graph.of(TestGraphs.block().build()), 1);
        assertArrayEquals(new long[] {1, 16, 8, 8}, s.get("c1").shape());      // (16+2-3)/2+1
        assertArrayEquals(new long[] {1, 16, 8, 8}, s.get("dw").shape());      // dilation 2, pad 2 keeps 8
        assertArrayEquals(new long[] {1, 16, 4, 4}, s.get("mp").shape());      // (8+2-3)/2+1
        assertArrayEquals(new long[] {1, 16, 4, 4}, s.get("ap").shape());
        assertArrayEquals(new long[] {1, 16, 1, 1}, s.get("gap").shape());
        assertArrayEquals(new long[] {1, 16, 4, 4}, s.get("gap.up").shape()); // sizes are explicit
        assertArrayEquals(new long[] {1, 16, 8, 8}, s.get("res.act").shape());
    }

    @Test
    void macsAndParamsByHand() {
        Graph g = Graph.of(TestGraphs.block().build());
        GraphCost c = GraphCost.of(g, 1);
        assertEquals(16L * 8 * 8 * 8 * 9, c.perNode().get("c1").macs());
        assertEquals(16L * 8 * 9, c.perNode().get("c1").params());
        assertEquals(16L * 8 * 8 * 9, c.perNode().get("dw").macs());   // one input channel per group
        assertEquals(16L * 9, c.perNode().get("dw").params());
        assertEquals(32L, c.perNode().get("c1.bn").params());          // scale + bias, not running stats
        assertEquals(16L * 8 * 8, c.perNode().get("res").elementOps());
        assertEquals(16L * 4 * 4 * 9, c.perNode().get("mp").elementOps());
        assertEquals(16L * 8 * 8, c.perNode().get("gap").elementOps());
        assertEquals(4L * 16 * 4 * 4, c.perNode().get("gap.up").elementOps());
        assertEquals(16L * 8 * 8 * 8 * 9 + 16L * 8 * 8 * 9, c.macs());
        assertEquals(16L * 8 * 9 + 16L * 9 + 64, c.params());
    }

    @Test
    void pytorchStyleResizeChainIsFolded() {
        GraphBuilder b = new GraphBuilder("chain");
        String x = b.input("x", 1, 4, 5, 7);
        String y = b.input("y", 1, 4, 10, 14);
        b.node("Shape", "shape", List.of(y));
        b.longs("idx", 2, 3);
        b.node("Gather", "hw", List.of("shape", "idx"), Attrs.i("axis", 0));
        b.node("Shape", "xshape", List.of(x));
        b.longs("zero", 0);
        b.longs("two", 2);
        b.node("Slice", "nc", List.of("xshape", "zero", "two"));
        b.node("Concat", "sizes", List.of("nc", "hw"), Attrs.i("axis", 0));
        b.node("Cast", "sizes64", List.of("sizes"), Attrs.i("to", 7));
        b.node("Resize", "up", List.of(x, "", "", "sizes64"), Attrs.s("mode", "linear"));
        b.node("Add", "sum", List.of("up", y));
        b.output("sum", 1, 4, 10, 14);
        Graph g = Graph.of(b.build());
        Map<String, TensorInfo> s = ShapeInference.infer(g, 1);
        assertArrayEquals(new long[] {1, 4, 10, 14}, s.get("sizes64").constant());
        List<Kernel> k = KernelDetector.detect(g, s);
        assertEquals(List.of("resize", "add"), k.stream().map(kk -> kk.key().op()).toList());
    }

    @Test
    void kernelsOfTheBlock() {
        List<Kernel> ks = KernelDetector.detect(Graph.of(TestGraphs.block().build()), 1);
        List<String> keys = ks.stream().map(k -> k.key().canonical()).toList();
        assertEquals(List.of(
                "conv;in=1x8x16x16;out=1x16x8x8;d=1x1;g=1;k=3x3;p=1,1,1,1;s=2x2;act=relu6;prec=fp32",
                "dwconv;in=1x16x8x8;out=1x16x8x8;d=2x2;g=16;k=3x3;p=2,2,2,2;s=1x1;act=relu;prec=fp32",
                "add;in=1x16x8x8,1x16x8x8;out=1x16x8x8;act=relu;prec=fp32",
                "maxpool;in=1x16x8x8;out=1x16x4x4;k=3x3;p=1,1,1,1;s=2x2;act=none;prec=fp32",
                "avgpool;in=1x16x8x8;out=1x16x4x4;k=2x2;p=0,0,0,0;s=2x2;act=none;prec=fp32",
                "gap;in=1x16x8x8;out=1x16x1x1;act=none;prec=fp32",
                "resize;in=1x16x1x1;out=1x16x4x4;ctm=half_pixel;mode=linear;act=none;prec=fp32",
                "concat;in=1x16x4x4,1x16x4x4,1x16x4x4;out=1x48x4x4;axis=1;act=none;prec=fp32"), keys);
        assertEquals(3, ks.get(0).nodes().size()); // conv + bn + clip fused
        for (String key : keys) {
            assertEquals(key, KernelKey.parse(key).canonical());
        }
    }

    @Test
    void unsupportedOperatorNamesTheNode() {
        GraphBuilder b = new GraphBuilder("bad");
        String x = b.input("x", 1, 4, 8, 8);
        b.node("Relu", "ok", List.of(x));
        b.node("LpNormalization", "weird.norm", List.of("ok"));
        b.output("weird.norm", 1, 4, 8, 8);
        BadInputException e = assertThrows(BadInputException.class,
                () -> KernelDetector.detect(Graph.of(b.build(), Path.of("bad.onnx")), 1));
        assertTrue(e.getMessage().contains("bad.onnx"), e.getMessage());
        assertTrue(e.getMessage().contains("weird.norm") && e.getMessage().contains("LpNormalization"), e.getMessage());
    }

    @Test
    void cyclesAreRejected() {
        GraphBuilder b = new GraphBuilder("cycle");
        b.input("x", 1, 1, 2, 2);
        b.node("Add", "a", List.of("x", "b"));
        b.node("Relu", "b", List.of("a"));
        b.output("b", 1, 1, 2, 2);
        assertThrows(BadInputException.class, () -> Graph.of(b.build()));
    }
}
