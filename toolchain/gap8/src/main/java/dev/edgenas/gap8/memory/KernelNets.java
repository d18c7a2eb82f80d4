package dev.edgenas.gap8.memory;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.Kernel;
import dev.edgenas.ir.KernelDetector;
import dev.edgenas.ir.KernelKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The memory planner's view of an ONNX graph, from the kernels {@link KernelDetector} finds (the same
 * fused kernels the latency tables key and the GAP8 deploy executes): what the search plans per candidate.
 */
public final class KernelNets {
    private KernelNets() {
    }

    public static MemNet of(Graph g) {
        List<Kernel> kernels = KernelDetector.detect(g, 1);
        Map<String, MemTensor> tensors = new HashMap<>();
        Map<String, String> alias = new HashMap<>();
        String inName = g.inputs().get(0).getName();
        List<MemLayer> layers = new ArrayList<>();
        Set<NodeProto> inKernel = new HashSet<>();
        kernels.forEach(k -> inKernel.addAll(k.nodes()));
        if (kernels.isEmpty()) {
            throw new IllegalArgumentException("the graph has no kernels");
        }
        tensors.put(inName, tensor(inName, kernels.get(0).key().inputs().get(0)));
        // glue (Identity, Dropout, Q/DQ) passes its first input through
        for (NodeProto n : g.nodes()) {
            if (!inKernel.contains(n) && n.getInputCount() > 0 && n.getOutputCount() == 1) {
                alias.put(n.getOutput(0), resolve(alias, n.getInput(0)));
            }
        }
        for (Kernel k : kernels) {
            KernelKey key = k.key();
            NodeProto first = k.nodes().get(0);
            List<MemTensor> ins = new ArrayList<>();
            for (String name : first.getInputList()) {
                MemTensor t = tensors.get(resolve(alias, name));
                if (t != null && ins.size() < key.inputs().size()) {
                    ins.add(t);
                }
            }
            if (ins.size() != key.inputs().size()) {
                throw new IllegalArgumentException("kernel " + k.name() + ": found " + ins.size() + " of "
                        + key.inputs().size() + " data inputs");
            }
            MemTensor out = tensor(k.outputTensor(), key.output());
            tensors.put(out.name(), out);
            layers.add(layer(k.name(), key, ins, out));
        }
        String outName = resolve(alias, g.outputs().get(0).getName());
        MemTensor out = tensors.get(outName);
        if (out == null) {
            throw new IllegalArgumentException("no kernel writes the graph output " + outName);
        }
        return new MemNet(tensors.get(inName), out, layers);
    }

    private static String resolve(Map<String, String> alias, String name) {
        String n = name;
        for (int i = 0; i < 64 && alias.containsKey(n); i++) {
            n = alias.get(n);
        }
        return n;
    }

    static MemLayer layer(String name, KernelKey key, List<MemTensor> ins, MemTensor out) {
        Map<String, String> p = key.params();
        int[] k = pair(p.get("k"));
        int[] s = pair(p.get("s"));
        int[] d = pair(p.get("d"));
        MemLayer.Op op = switch (key.op()) {
            case "conv" -> k[0] == 1 && k[1] == 1 && "1".equals(p.getOrDefault("g", "1")) && unpadded(p.get("p"))
                    ? MemLayer.Op.PWCONV : MemLayer.Op.CONV;
            case "dwconv" -> MemLayer.Op.DWCONV;
            case "maxpool" -> MemLayer.Op.MAXPOOL;
            case "avgpool" -> MemLayer.Op.AVGPOOL;
            case "gap" -> MemLayer.Op.GAP;
            case "resize" -> MemLayer.Op.RESIZE;
            case "concat" -> MemLayer.Op.CONCAT;
            default -> MemLayer.Op.ADD; // add, mul, standalone activations: elementwise
        };
        if (op == MemLayer.Op.CONV && centreTapOnly(p, k, s, d, ins.get(0))) {
            // deploy generates it as its 1x1 centre tap (deploy's CentreTap): plan what runs
            return new MemLayer(name, MemLayer.Op.PWCONV, ins, out, 1, 1, 1, 1, 1, 1);
        }
        return new MemLayer(name, op, ins, out, k[0], k[1], s[0], s[1], d[0], d[1]);
    }

    /** A stride-1 "same" conv whose dilation reaches past the map: every off-centre tap reads padding. */
    static boolean centreTapOnly(Map<String, String> p, int[] k, int[] s, int[] d, MemTensor x) {
        if (k[0] % 2 == 0 || k[1] % 2 == 0 || s[0] != 1 || s[1] != 1 || !"1".equals(p.getOrDefault("g", "1"))
                || d[0] < x.h() || d[1] < x.w()) {
            return false;
        }
        String want = d[0] * (k[0] / 2) + "," + d[1] * (k[1] / 2) + "," + d[0] * (k[0] / 2) + "," + d[1] * (k[1] / 2);
        return want.equals(p.get("p"));
    }

    private static boolean unpadded(String pads) {
        return pads == null || pads.replace(",", "").chars().allMatch(c -> c == '0');
    }

    private static int[] pair(String v) {
        if (v == null) {
            return new int[] {1, 1};
        }
        String[] p = v.split("x");
        int a = Integer.parseInt(p[0]);
        return new int[] {a, p.length > 1 ? Integer.parseInt(p[1]) : a};
    }

    private static MemTensor tensor(String name, List<Long> shape) {
        int n = shape.size();
        int c = n > 1 ? shape.get(1).intValue() : 1;
        int h = n > 2 ? shape.get(2).intValue() : 1;
        int w = n > 3 ? shape.get(3).intValue() : 1;
        return new MemTensor(name, c, h, w);
    }
}
