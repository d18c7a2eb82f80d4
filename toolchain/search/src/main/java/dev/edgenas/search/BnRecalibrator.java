package dev.edgenas.search;

import dev.edgenas.runtime.OrtInference;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.edgenas.ir.Attrs;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.Tensors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-estimates the BatchNorm statistics of a cut network, which differ from the pretrained ones once channels,
 * blocks or branches are gone. Every BatchNormalization is rewritten into its training-mode form (normalise by
 * the batch's own per-channel mean and variance, computed with ReduceMean), whose mean and variance become extra
 * graph outputs; one ONNX Runtime pass over the calibration images gives exactly what PyTorch's train-mode
 * forward would use at every layer at once, since each layer already sees recalibrated inputs. Those statistics
 * (averaged over calibration chunks) replace the running mean and variance. Graphs with BatchNorm folded into
 * the convs (the usual PyTorch export) have nothing to recalibrate and are returned unchanged.
 */
public final class BnRecalibrator {
    /** Images per calibration pass; statistics of several passes are averaged. */
    public static final int CHUNK = 32;

    private BnRecalibrator() {
    }

    public static ModelProto recalibrate(ModelProto model, EvalData calib) {
        if (calib == null || calib.count() == 0) {
            return model;
        }
        return recalibrate(model, NamedBatch.split(model.getGraph().getInput(0).getName(), calib, CHUNK));
    }

    /**
     * The same from batches of named inputs (images, or the cached backbone features a head reads). Statistics
     * are averaged over the batches, so batches of {@link #CHUNK} images give the same result either way.
     */
    static ModelProto recalibrate(ModelProto model, List<NamedBatch> chunks) {
        List<NodeProto> bns = model.getGraph().getNodeList().stream()
                .filter(n -> n.getOpType().equals("BatchNormalization")).toList();
        if (bns.isEmpty() || chunks == null || chunks.isEmpty()) {
            return model;
        }
        List<String> outputs = new ArrayList<>();
        ModelProto train = trainMode(model, bns, outputs);
        Map<String, double[]> sums = new HashMap<>();
        int count = 0;
        try (OrtInference run = OrtInference.of(train, CandidateEvaluator.SCORING)) {
            for (NamedBatch b : chunks) {
                run.run(b.tensors(), outputs).forEach((k, t) -> {
                    float[] v = t.data();
                    double[] s = sums.computeIfAbsent(k, x -> new double[v.length]);
                    for (int i = 0; i < v.length; i++) {
                        s[i] += v[i];
                    }
                });
                count++;
            }
        }
        final int passes = count;
        Map<String, TensorProto> replace = new HashMap<>();
        for (int i = 0; i < bns.size(); i++) {
            NodeProto bn = bns.get(i);
            replace.put(bn.getInput(3), average(bn.getInput(3), sums.get(stat(i, "mean")), passes));
            replace.put(bn.getInput(4), average(bn.getInput(4), sums.get(stat(i, "var")), passes));
        }
        GraphProto.Builder g = model.getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto t = replace.get(g.getInitializer(i).getName());
            if (t != null) {
                g.setInitializer(i, t);
            }
        }
        return model.toBuilder().setGraph(g).build();
    }

    private static TensorProto average(String name, double[] sum, int chunks) {
        float[] v = new float[sum.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (sum[i] / chunks);
        }
        return Tensors.floats(name, new long[] {v.length}, v);
    }

    private static String stat(int i, String what) {
        return "recal" + i + "." + what;
    }

    /**
     * The model with every BatchNormalization in training form and its batch statistics as outputs. The layer itself
     * stays one inference-mode BatchNormalization fed with the batch's own mean and (biased) variance instead of its
     * running statistics: six nodes per layer instead of twelve element-wise ones, which halves the time ONNX Runtime
     * takes to build the session (it dominated a candidate's recalibration) and saves three passes over each
     * activation.
     */
    static ModelProto trainMode(ModelProto model, List<NodeProto> bns, List<String> outputs) {
        int opset = Graph.of(model).opset();
        GraphProto.Builder g = model.getGraph().toBuilder().clearNode();
        g.addInitializer(Tensors.longs("recal.flat", new long[] {1}, new long[] {-1}));
        if (opset >= 18) {
            g.addInitializer(Tensors.longs("recal.axes", new long[] {3}, new long[] {0, 2, 3}));
        }
        Map<NodeProto, Integer> index = new HashMap<>();
        for (int i = 0; i < bns.size(); i++) {
            index.put(bns.get(i), i);
        }
        for (NodeProto n : model.getGraph().getNodeList()) {
            Integer i = index.get(n);
            if (i == null) {
                g.addNode(n);
                continue;
            }
            String p = "recal" + i + ".";
            String x = n.getInput(0);
            g.addNode(mean(p + "mean4", x, opset, true));
            g.addNode(node("Sub", p + "centred", x, p + "mean4"));
            g.addNode(node("Mul", p + "squared", p + "centred", p + "centred"));
            g.addNode(mean(p + "var", p + "squared", opset, false));
            g.addNode(node("Reshape", p + "mean", p + "mean4", "recal.flat"));
            g.addNode(n.toBuilder().setInput(3, p + "mean").setInput(4, p + "var").build());
            for (String st : List.of("mean", "var")) {
                outputs.add(p + st);
                g.addOutput(ValueInfoProto.newBuilder().setName(p + st).setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))));
            }
        }
        // the running statistics are unused in training form: drop them, ORT would warn about each
        java.util.Set<String> stats = new java.util.HashSet<>();
        bns.forEach(n -> stats.add(n.getInput(3)));
        bns.forEach(n -> stats.add(n.getInput(4)));
        List<TensorProto> keep = g.getInitializerList().stream().filter(t -> !stats.contains(t.getName())).toList();
        g.clearInitializer().addAllInitializer(keep);
        return model.toBuilder().setGraph(g).build();
    }

    private static NodeProto mean(String out, String in, int opset, boolean keep) {
        NodeProto.Builder b = NodeProto.newBuilder().setOpType("ReduceMean").setName(out).addInput(in).addOutput(out)
                .addAttribute(Attrs.i("keepdims", keep ? 1 : 0));
        return opset >= 18 ? b.addInput("recal.axes").build() : b.addAttribute(Attrs.ints("axes", 0, 2, 3)).build();
    }

    private static NodeProto node(String op, String out, String a, String b) {
        return NodeProto.newBuilder().setOpType(op).setName(out).addInput(a).addInput(b).addOutput(out).build();
    }
}
