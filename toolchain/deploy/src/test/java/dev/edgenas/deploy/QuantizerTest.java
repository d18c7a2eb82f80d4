package dev.edgenas.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.edgenas.core.BadInputException;
import dev.edgenas.deploy.quant.ActivationType;
import dev.edgenas.deploy.quant.CalibrationMethod;
import dev.edgenas.deploy.quant.FloatGraphPreparer;
import dev.edgenas.deploy.quant.QuantOptions;
import dev.edgenas.deploy.quant.QuantizedModel;
import dev.edgenas.deploy.quant.Quantizer;
import dev.edgenas.deploy.verify.OrtKernelCheck;
import dev.edgenas.ir.Attrs;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.GraphBuilder;
import dev.edgenas.ir.OnnxChecker;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.models.DeepLabConfigs;
import dev.edgenas.models.DeepLabV3PlusBuilder;
import dev.edgenas.runtime.OrtSettings;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuantizerTest {
    static final long[] SHAPE = {1, 3, 64, 64};
    static final OrtSettings ORT = OrtSettings.withThreads(2);

    @TempDir
    Path dir;

    static List<float[]> noise(int n, long seed) {
        Random r = new Random(seed);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] x = new float[3 * 64 * 64];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) r.nextGaussian();
            }
            out.add(x);
        }
        return out;
    }

    static float[] run(ModelProto m, float[] x) throws Exception {
        OrtEnvironment env = dev.edgenas.runtime.OrtEnv.get();
        try (OrtSession.SessionOptions so = ORT.sessionOptions();
             OrtSession s = env.createSession(m.toByteArray(), so);
             OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), SHAPE);
             OrtSession.Result r = s.run(Map.of(s.getInputNames().iterator().next(), t))) {
            FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] y = new float[fb.remaining()];
            fb.get(y);
            return y;
        }
    }

    @Test
    void unsupportedOperatorIsAnErrorNamingTheNode() {
        GraphBuilder b = new GraphBuilder("bad");
        String x = b.input("input", -1, 3, 8, 8);
        String w = b.floats("w", new long[] {4, 3, 1, 1}, new float[12]);
        String c = b.node("Conv", "head.conv", List.of(x, w), Attrs.ints("kernel_shape", 1, 1));
        b.node("Softmax", "head.gate", List.of(c), List.of("out"), Attrs.i("axis", 1)); // Sigmoid is supported now
        b.output("out", -1, 4, 8, 8);
        Path file = dir.resolve("bad.onnx");
        OnnxModels.write(b.build(), file);
        BadInputException e = assertThrows(BadInputException.class, () -> Quantizer.plan(Graph.read(file)));
        assertTrue(e.getMessage().contains("head.gate") && e.getMessage().contains("Softmax"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void batchNormWithoutConvAndClipWithNegativeFloorAreRejected() {
        GraphBuilder b = new GraphBuilder("bad2");
        String x = b.input("input", -1, 3, 8, 8);
        String w = b.floats("w", new long[] {3, 3, 1, 1}, new float[9]);
        String c = b.node("Conv", "conv", List.of(x, w), Attrs.ints("kernel_shape", 1, 1));
        String lo = b.floats("lo", new long[0], new float[] {-1f});
        String hi = b.floats("hi", new long[0], new float[] {1f});
        b.node("Clip", "hardtanh", List.of(c, lo, hi), List.of("out"));
        b.output("out", -1, 3, 8, 8);
        BadInputException e = assertThrows(BadInputException.class, () -> Quantizer.plan(Graph.of(b.build())));
        assertTrue(e.getMessage().contains("hardtanh"), e.getMessage());
    }

    @Test
    void foldingBatchNormKeepsTheOutput() throws Exception {
        ModelProto m = DeepLabV3PlusBuilder.build(DeepLabConfigs.tiny(), 3);
        Graph g = Graph.of(m);
        Graph folded = FloatGraphPreparer.prepare(g);
        assertEquals(0, folded.nodes().stream().filter(n -> n.getOpType().equals("BatchNormalization")).count());
        float[] x = noise(1, 9).get(0);
        float[] a = run(m, x);
        float[] b = run(folded.model(), x);
        double maxErr = 0;
        double maxAbs = 0;
        for (int i = 0; i < a.length; i++) {
            maxErr = Math.max(maxErr, Math.abs(a[i] - b[i]));
            maxAbs = Math.max(maxAbs, Math.abs(a[i]));
        }
        assertTrue(maxErr <= 1e-4 * Math.max(1, maxAbs), "max difference " + maxErr);
    }

    @Test
    void uint8ModelRunsEntirelyOnOrtInt8Kernels() throws Exception {
        Graph g = Graph.of(DeepLabV3PlusBuilder.build(DeepLabConfigs.tiny(), 3));
        long convs = g.nodes().stream().filter(n -> n.getOpType().equals("Conv")).count();
        QuantizedModel q = Quantizer.quantize(g, noise(4, 1), SHAPE,
                new QuantOptions(CalibrationMethod.MINMAX, 99.99, ActivationType.UINT8), ORT, null);
        Path file = dir.resolve("q8.onnx");
        OnnxModels.write(q.model(), file);
        OnnxChecker.check(file);
        OrtKernelCheck k = OrtKernelCheck.inspect(file, ORT);
        assertEquals(0, k.floatComputes(), k.summary());
        long resizes = g.nodes().stream().filter(n -> n.getOpType().equals("Resize")).count();
        assertEquals(convs, (long) k.opCounts().getOrDefault("com.microsoft:QLinearConv", 0), k.summary());
        assertTrue(k.opCounts().containsKey("com.microsoft:QLinearAdd") && k.opCounts().containsKey("com.microsoft:QLinearConcat"),
                k.summary());
        // every activation stays quantised inside ORT, except the network input and output and the linear
        // Resizes, which ORT 1.29 computes in float between their DQ and Q
        assertEquals(1 + resizes, (long) k.opCounts().getOrDefault("QuantizeLinear", 0), k.summary());
        assertEquals(1 + resizes, (long) k.opCounts().getOrDefault("DequantizeLinear", 0), k.summary());
        // quantisation error is small against the spread of the logits
        float[] x = noise(1, 77).get(0);
        float[] a = run(g.model(), x);
        float[] b = run(q.model(), x);
        double err = 0;
        double var = 0;
        for (int i = 0; i < a.length; i++) {
            err += (a[i] - b[i]) * (a[i] - b[i]);
            var += a[i] * a[i];
        }
        assertTrue(Math.sqrt(err / var) < 0.25, "relative RMS error " + Math.sqrt(err / var));
    }

    @Test
    void placementRulesHoldInTheWrittenGraph() {
        Graph g = Graph.of(DeepLabV3PlusBuilder.build(DeepLabConfigs.tiny(), 3));
        for (CalibrationMethod method : CalibrationMethod.values()) {
            QuantizedModel q = Quantizer.quantize(g, noise(2, 4), SHAPE,
                    new QuantOptions(method, 99.9, ActivationType.INT8), ORT, null);
            Path file = dir.resolve("q-" + method + ".onnx");
            OnnxModels.write(q.model(), file);
            OnnxChecker.check(file);
            Graph qg = Graph.of(q.model());
            for (NodeProto n : qg.nodes()) {
                if (n.getOpType().equals("DequantizeLinear")) {
                    assertTrue(qg.consumers(n.getOutput(0)).size() <= 1, "DQ shared: " + n.getName());
                } else if (!n.getOpType().equals("QuantizeLinear")) {
                    List<NodeProto> cons = qg.consumers(n.getOutput(0));
                    assertEquals(1, cons.size(), n.getName());
                    assertEquals("QuantizeLinear", cons.get(0).getOpType(), n.getName());
                    assertTrue(List.of("Conv", "Add", "Concat", "Resize", "GlobalAveragePool").contains(n.getOpType()),
                            n.getOpType() + " left in " + n.getName());
                }
            }
        }
    }
}
