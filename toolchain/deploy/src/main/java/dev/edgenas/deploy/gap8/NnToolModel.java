package dev.edgenas.deploy.gap8;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.Tensors;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The fp32 model and images in the form NNTool takes: the per-channel input normalisation folded into
 * the first convolution (NNTool's input_norm_func is one scalar function, edgenas' mean/std are per
 * channel), a fixed 1x3xHxW input (NNTool's ONNX importer needs static shapes), images as binary PPM.
 */
final class NnToolModel {
    private NnToolModel() {
    }

    /** True when the input feeds exactly one convolution with constant weights, so the fold applies. */
    static boolean foldable(Graph g, ModelMetadata meta) {
        var cons = g.consumers(meta.inputName());
        return cons.size() == 1 && cons.get(0).getOpType().equals("Conv") && g.isInitializer(cons.get(0).getInput(1));
    }

    /** The model with the input fixed to 1x3xHxW (edgenas' models have a static 3-channel input). */
    static Graph fixedInput(Graph g, ModelMetadata meta) {
        return g.withInputSize(1, meta.height(), meta.width());
    }

    /**
     * First conv sees x = ((p' + 128) / 255 - mean[c]) / std[c] for p' = pixel - 128: W' = W / (255 std[c]),
     * b' = b + sum W (128 / 255 - mean[c]) / std[c]. Exact inside the image; at zero-padded borders the
     * padding now means pixel 128 instead of the mean colour.
     */
    static ModelProto foldNormalisation(Graph g, ModelMetadata meta) {
        String in = meta.inputName();
        if (!foldable(g, meta)) {
            throw new IllegalArgumentException("the input does not feed exactly one constant-weight Conv");
        }
        NodeProto conv = g.consumers(in).get(0);
        TensorProto wt = g.initializer(conv.getInput(1));
        float[] w = Tensors.toFloats(wt);
        long[] d = Tensors.dims(wt);
        int oc = (int) d[0];
        int ic = (int) d[1];
        int k = (int) (d[2] * d[3]);
        float[] b = new float[oc];
        if (conv.getInputCount() > 2 && !conv.getInput(2).isEmpty()) {
            b = Tensors.toFloats(g.initializer(conv.getInput(2))).clone();
        }
        float[] w2 = new float[w.length];
        for (int o = 0; o < oc; o++) {
            for (int c = 0; c < ic; c++) {
                double s = 1.0 / (255.0 * meta.std()[c]);
                double shift = (128.0 / 255.0 - meta.mean()[c]) / meta.std()[c];
                for (int t = 0; t < k; t++) {
                    int i = (o * ic + c) * k + t;
                    w2[i] = (float) (w[i] * s);
                    b[o] += (float) (w[i] * shift);
                }
            }
        }
        GraphProto.Builder gb = g.model().getGraph().toBuilder();
        String wName = conv.getInput(1) + ".pixels";
        String bName = conv.getName() + ".bias_pixels";
        gb.addInitializer(Tensors.floats(wName, d, w2)).addInitializer(Tensors.floats(bName, new long[] {oc}, b));
        for (int i = 0; i < gb.getNodeCount(); i++) {
            if (gb.getNode(i).getName().equals(conv.getName()) && gb.getNode(i).getOutput(0).equals(conv.getOutput(0))) {
                gb.setNode(i, conv.toBuilder().clearInput().addInput(in).addInput(wName).addInput(bName));
            }
        }
        return g.model().toBuilder().setGraph(gb).build();
    }

    /** Binary PPM (P6) of a normalised CHW image, back in pixels. */
    static byte[] ppm(float[] chw, ModelMetadata meta) {
        int h = meta.height();
        int w = meta.width();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("P6\n" + w + " " + h + "\n255\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < h * w; i++) {
            for (int c = 0; c < 3; c++) {
                double p = (chw[c * h * w + i] * meta.std()[c] + meta.mean()[c]) * 255.0;
                out.write((int) Math.max(0, Math.min(255, Math.round(p))));
            }
        }
        return out.toByteArray();
    }
}
