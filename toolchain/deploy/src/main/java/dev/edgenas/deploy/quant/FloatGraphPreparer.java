package dev.edgenas.deploy.quant;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.edgenas.ir.Attrs;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.Tensors;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The float graph the quantizer works on: BatchNormalization folded into the preceding Conv
 * (weights scaled per output channel, bias shifted) and Identity/Dropout bypassed. The result is
 * numerically the fp32 model (ONNX Runtime performs the same folding itself), with one tensor less
 * per convolution to quantise.
 */
public final class FloatGraphPreparer {
    private FloatGraphPreparer() {
    }

    public static Graph prepare(Graph g) {
        Map<String, String> alias = new HashMap<>();
        Map<String, TensorProto> inits = new LinkedHashMap<>(g.initializers());
        Set<NodeProto> dropped = new HashSet<>();
        Map<NodeProto, NodeProto> replaced = new HashMap<>();
        for (NodeProto n : g.nodes()) {
            if (n.getOpType().equals("Identity") || n.getOpType().equals("Dropout")) {
                if (!g.isGraphOutput(n.getOutput(0)) && !g.isInitializer(n.getInput(0))) {
                    alias.put(n.getOutput(0), n.getInput(0));
                    dropped.add(n);
                }
            } else if (n.getOpType().equals("BatchNormalization")) {
                NodeProto conv = g.producer(n.getInput(0));
                if (conv != null && conv.getOpType().equals("Conv") && g.consumers(conv.getOutput(0)).size() == 1
                        && !g.isGraphOutput(conv.getOutput(0)) && n.getOutputCount() == 1 && allInitializers(g, n)) {
                    replaced.put(conv, fold(g, conv, n, inits));
                    dropped.add(n);
                }
            }
        }
        GraphProto.Builder gb = g.model().getGraph().toBuilder().clearNode().clearInitializer();
        for (NodeProto n : g.nodes()) {
            if (dropped.contains(n)) {
                continue;
            }
            NodeProto out = replaced.getOrDefault(n, n).toBuilder().build();
            NodeProto.Builder b = out.toBuilder().clearInput();
            for (String in : out.getInputList()) {
                b.addInput(resolve(alias, in));
            }
            gb.addNode(b);
        }
        Set<String> used = new HashSet<>();
        gb.getNodeList().forEach(n -> used.addAll(n.getInputList()));
        inits.values().stream().filter(t -> used.contains(t.getName())).forEach(gb::addInitializer);
        ModelProto m = g.model().toBuilder().setGraph(gb).build();
        return Graph.of(m, g.source());
    }

    private static boolean allInitializers(Graph g, NodeProto bn) {
        for (int i = 1; i < 5; i++) {
            if (!g.isInitializer(bn.getInput(i))) {
                return false;
            }
        }
        return true;
    }

    private static String resolve(Map<String, String> alias, String name) {
        String r = name;
        while (alias.containsKey(r)) {
            r = alias.get(r);
        }
        return r;
    }

    /** W' = W * g / sqrt(v + eps) per output channel; b' = (b - m) * g / sqrt(v + eps) + beta. */
    private static NodeProto fold(Graph g, NodeProto conv, NodeProto bn, Map<String, TensorProto> inits) {
        float eps = Attrs.getFloat(bn, "epsilon", 1e-5f);
        float[] gamma = Tensors.toFloats(g.initializer(bn.getInput(1)));
        float[] beta = Tensors.toFloats(g.initializer(bn.getInput(2)));
        float[] mean = Tensors.toFloats(g.initializer(bn.getInput(3)));
        float[] var = Tensors.toFloats(g.initializer(bn.getInput(4)));
        TensorProto wt = g.initializer(conv.getInput(1));
        if (wt == null) {
            throw g.error(conv, "weights must be an initializer to fold " + g.describe(bn) + " into it");
        }
        float[] w = Tensors.toFloats(wt);
        long[] dims = Tensors.dims(wt);
        int outC = (int) dims[0];
        if (gamma.length != outC) {
            throw g.error(bn, "has " + gamma.length + " channels, the convolution before it " + outC);
        }
        int per = w.length / outC;
        float[] bias = new float[outC];
        if (conv.getInputCount() > 2 && !conv.getInput(2).isEmpty()) {
            bias = Tensors.toFloats(g.initializer(conv.getInput(2))).clone();
        }
        float[] w2 = new float[w.length];
        for (int o = 0; o < outC; o++) {
            double f = gamma[o] / Math.sqrt(var[o] + (double) eps);
            for (int i = 0; i < per; i++) {
                w2[o * per + i] = (float) (w[o * per + i] * f);
            }
            bias[o] = (float) ((bias[o] - mean[o]) * f + beta[o]);
        }
        String base = conv.getName().isEmpty() ? conv.getOutput(0) : conv.getName();
        String wName = unique(inits, base + ".folded_weight");
        String bName = unique(inits, base + ".folded_bias");
        inits.put(wName, Tensors.floats(wName, dims, w2));
        inits.put(bName, Tensors.floats(bName, new long[] {outC}, bias));
        return conv.toBuilder().clearInput().addAllInput(List.of(conv.getInput(0), wName, bName))
                .clearOutput().addOutput(bn.getOutput(0)).build();
    }

    private static String unique(Map<String, TensorProto> inits, String base) {
        String n = base;
        for (int i = 1; inits.containsKey(n); i++) {
            n = base + i;
        }
        return n;
    }

    /** Convenience for files. */
    public static Graph prepare(Path model) {
        return prepare(Graph.read(model));
    }
}
