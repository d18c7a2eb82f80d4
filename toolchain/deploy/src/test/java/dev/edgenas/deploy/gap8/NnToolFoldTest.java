package dev.edgenas.deploy.gap8;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.runtime.OrtEnv;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folded first convolution, fed pixels - 128 (what NNTool's offset_int8 input delivers), computes
 * what the original computes on the normalised image: checked with ONNX Runtime on both first-layer
 * graphs, away from the zero-padded border where the fold documents a difference.
 */
class NnToolFoldTest {
    @TempDir
    Path dir;

    @Test
    void foldedFirstConvOnPixelsEqualsTheOriginalOnNormalisedInput() throws Exception {
        Path model = NnToolExportTest.tinyModel(dir);
        Graph g = Graph.read(model);
        ModelMetadata meta = ModelMetadata.of(g.model(), model);
        ModelProto folded = NnToolModel.foldNormalisation(NnToolModel.fixedInput(g, meta), meta);
        int h = meta.height();
        int w = meta.width();
        // NNTool needs a wholly static input: the symbolic batch becomes 1, the spatial size the model's
        var dims = NnToolModel.fixedInput(g, meta).model().getGraph().getInput(0).getType().getTensorType().getShape()
                .getDimList();
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(1L, 3L, (long) h, (long) w),
                dims.stream().map(d -> d.hasDimValue() ? d.getDimValue() : -1L).toList());
        Random r = new Random(7);
        float[] pixels = new float[3 * h * w];
        float[] normalised = new float[pixels.length];
        float[] centred = new float[pixels.length];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < h * w; i++) {
                int p = r.nextInt(256);
                pixels[c * h * w + i] = p;
                normalised[c * h * w + i] = (p / 255f - meta.mean()[c]) / meta.std()[c];
                centred[c * h * w + i] = p - 128f;
            }
        }
        float[] a = firstConv(g.model(), meta, normalised);
        float[] b = firstConv(folded, meta, centred);
        NodeProto conv = g.consumers(meta.inputName()).get(0);
        int oc = (int) dev.edgenas.ir.Tensors.dims(g.initializer(conv.getInput(1)))[0];
        int stride = (int) Math.round(Math.sqrt((double) h * w * oc / a.length));
        int oh = h / stride;
        int ow = w / stride;
        assertTrue(oc * oh * ow == a.length && b.length == a.length, "first conv output " + a.length);
        int compared = 0;
        double worst = 0;
        for (int o = 0; o < oc; o++) {
            for (int y = 1; y < oh - 1; y++) {
                for (int x = 1; x < ow - 1; x++) {
                    int i = (o * oh + y) * ow + x;
                    worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(a[i])));
                    compared++;
                }
            }
        }
        assertTrue(compared > 100, "compared " + compared);
        assertTrue(worst < 1e-3, "worst relative difference " + worst);
    }

    /** Runs only the convolution that consumes the input and returns its output. */
    private static float[] firstConv(ModelProto m, ModelMetadata meta, float[] input) throws Exception {
        Graph g = Graph.of(m);
        NodeProto conv = g.consumers(meta.inputName()).get(0);
        var gb = m.getGraph().toBuilder().clearNode().addNode(conv).clearOutput().clearValueInfo()
                .addOutput(ValueInfoProto.newBuilder().setName(conv.getOutput(0)).setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1))));
        byte[] bytes = m.toBuilder().setGraph(gb).build().toByteArray();
        OrtEnvironment env = OrtEnv.get();
        try (OrtSession s = env.createSession(bytes, new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input),
                     new long[] {1, 3, meta.height(), meta.width()});
             OrtSession.Result r = s.run(Map.of(meta.inputName(), x))) {
            FloatBuffer y = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] out = new float[y.remaining()];
            y.get(out);
            return out;
        }
    }
}
