package dev.edgenas.ir.imports;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.ShapeInference;
import dev.edgenas.ir.TensorInfo;
import dev.edgenas.ir.Tensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a raw {@code torch.onnx.export} graph into the form every edgenas command takes (the work of
 * {@code edgenas model import}, also done in memory by eval/train/search/deploy): Constant nodes
 * become initializers (so Clip bounds are initializers), Identity/Dropout are dropped (an Identity
 * the exporter put in front of a de-duplicated initializer gets its own copy again, as the separate
 * parameters it was in PyTorch), the exporter's Shape -> ... -> Resize(sizes) chains fold to
 * constant Resize scales, the batch becomes symbolic and the preprocessing metadata is added.
 * Scales rather than sizes because sizes would pin the batch: the chain's first two entries are the
 * input's N and C.
 */
public final class ExportNormaliser {
    static final String METADATA = "metadata";
    static final String BATCH = "batch";
    static final String CONSTANTS = "Constant nodes made initializers";
    static final String DROPPED = "Identity/Dropout nodes dropped";
    static final String COPIED = "de-duplicated initializers copied back";
    static final String RESIZES = "shape chains folded to Resize scales";
    static final String DEAD = "shape-chain nodes removed";

    private static final Set<String> CHAIN_OPS = Set.of("Constant", "Identity", "Dropout", "Shape", "Gather",
            "Unsqueeze", "Squeeze", "Slice", "Cast", "Concat", "Floor", "Ceil");

    private final Path file;
    private final List<NodeProto> nodes = new ArrayList<>();
    private final Map<String, TensorProto> inits = new LinkedHashMap<>();
    private final Map<String, Integer> changes = new LinkedHashMap<>();

    private ExportNormaliser(Path file) {
        this.file = file;
    }

    /**
     * True when a model needs normalising before edgenas' commands take it: no edgenas metadata, a
     * fixed batch, or exporter constructs (Constant, Identity, Dropout, Resize by sizes).
     */
    public static boolean needed(ModelProto m) {
        if (ModelMetadata.property(m, ModelMetadata.KEY).isEmpty() || !batchIsSymbolic(m)) {
            return true;
        }
        return m.getGraph().getNodeList().stream().anyMatch(n -> switch (n.getOpType()) {
            case "Constant", "Identity", "Dropout", "Shape" -> true;
            case "Resize" -> n.getInputCount() > 3 && !n.getInput(3).isEmpty();
            default -> false;
        });
    }

    private static boolean batchIsSymbolic(ModelProto m) {
        Set<String> initNames = new HashSet<>();
        m.getGraph().getInitializerList().forEach(t -> initNames.add(t.getName()));
        for (ValueInfoProto v : m.getGraph().getInputList()) {
            if (!initNames.contains(v.getName())) {
                List<TensorShapeProto.Dimension> d = v.getType().getTensorType().getShape().getDimList();
                if (!d.isEmpty() && d.get(0).hasDimValue() && d.get(0).getDimValue() > 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Normalises {@code model} (read from {@code file}, named in every error). */
    public static ImportReport normalise(ModelProto model, Path file, ImportOptions o) {
        ExportNormaliser x = new ExportNormaliser(file);
        model.getGraph().getInitializerList().forEach(t -> x.inits.put(t.getName(), t));
        x.constantsToInitializers(model.getGraph().getNodeList());
        x.dropIdentities(model.getGraph());
        ModelProto staged = x.rebuild(model, o, false);
        Graph g = Graph.of(staged, file);
        Map<String, TensorInfo> info = ShapeInference.infer(g, 1);
        x.foldResizeSizes(g, info);
        x.removeDead(model.getGraph());
        ModelProto out = x.rebuild(model, o, true);
        List<String> defaulted = new ArrayList<>();
        if (ModelMetadata.property(out, ModelMetadata.KEY).isEmpty()) {
            ModelMetadata meta = ImportMetadata.of(Graph.of(out, file), info, o, defaulted);
            out = ModelMetadata.withProperty(out, ModelMetadata.KEY, meta.toJson());
            x.changes.put(METADATA, 1);
        }
        Graph result = Graph.of(out, file);
        ShapeInference.infer(result, 2); // every remaining node takes a batch other than the export's
        return new ImportReport(out, ModelMetadata.of(out, file), x.changes, defaulted);
    }

    private void count(String what) {
        changes.merge(what, 1, Integer::sum);
    }

    private void constantsToInitializers(List<NodeProto> in) {
        for (NodeProto n : in) {
            if (n.getOpType().equals("Constant") && n.getOutputCount() == 1) {
                TensorProto t = constantValue(n);
                if (t != null) {
                    inits.put(n.getOutput(0), t.toBuilder().setName(n.getOutput(0)).build());
                    count(CONSTANTS);
                    continue;
                }
            }
            nodes.add(n);
        }
    }

    private static TensorProto constantValue(NodeProto n) {
        for (AttributeProto a : n.getAttributeList()) {
            switch (a.getName()) {
                case "value" -> {
                    return a.getT();
                }
                case "value_float" -> {
                    return Tensors.floats("c", new long[0], new float[] {a.getF()});
                }
                case "value_floats" -> {
                    float[] v = new float[a.getFloatsCount()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = a.getFloats(i);
                    }
                    return Tensors.floats("c", new long[] {v.length}, v);
                }
                case "value_int" -> {
                    return Tensors.longs("c", new long[0], new long[] {a.getI()});
                }
                case "value_ints" -> {
                    return Tensors.longs("c", new long[] {a.getIntsCount()},
                            a.getIntsList().stream().mapToLong(Long::longValue).toArray());
                }
                default -> {
                }
            }
        }
        return null;
    }

    /** Identity and Dropout pass their input on; consumers are rewired to it. */
    private void dropIdentities(GraphProto graph) {
        Set<String> graphOutputs = new HashSet<>();
        graph.getOutputList().forEach(v -> graphOutputs.add(v.getName()));
        Map<String, String> rename = new HashMap<>();
        List<NodeProto> kept = new ArrayList<>();
        for (NodeProto n : nodes) {
            boolean passThrough = n.getOpType().equals("Identity")
                    || n.getOpType().equals("Dropout") && (n.getOutputCount() < 2 || n.getOutput(1).isEmpty()
                    || !used(n.getOutput(1)));
            if (!passThrough || graphOutputs.contains(n.getOutput(0))) {
                kept.add(n);
                continue;
            }
            String src = rename.getOrDefault(n.getInput(0), n.getInput(0));
            TensorProto t = inits.get(src);
            if (t != null) {
                // the exporter shared one tensor between equal parameters: each use gets its own again
                inits.put(n.getOutput(0), t.toBuilder().setName(n.getOutput(0)).build());
                count(COPIED);
            } else {
                rename.put(n.getOutput(0), src);
            }
            count(DROPPED);
        }
        nodes.clear();
        for (NodeProto n : kept) {
            NodeProto.Builder b = n.toBuilder();
            for (int i = 0; i < b.getInputCount(); i++) {
                b.setInput(i, rename.getOrDefault(b.getInput(i), b.getInput(i)));
            }
            nodes.add(b.build());
        }
    }

    private boolean used(String tensor) {
        return nodes.stream().anyMatch(n -> n.getInputList().contains(tensor));
    }

    /** Resize(X, roi, scales, sizes) with folded sizes -> Resize(X, "", scales) with constant scales. */
    private void foldResizeSizes(Graph g, Map<String, TensorInfo> info) {
        for (int k = 0; k < nodes.size(); k++) {
            NodeProto n = nodes.get(k);
            if (!n.getOpType().equals("Resize") || n.getInputCount() < 4 || n.getInput(3).isEmpty()) {
                continue;
            }
            TensorInfo sizes = info.get(n.getInput(3));
            long[] in = info.get(n.getInput(0)).shape();
            if (sizes == null || !sizes.isConstant() || sizes.constant().length != in.length) {
                throw g.error(n, "Resize sizes (input " + n.getInput(3) + ") do not fold to a constant");
            }
            float[] scales = scales(in, sizes.constant());
            String name = uniqueName(n.getOutput(0) + "_scales");
            inits.put(name, Tensors.floats(name, new long[] {scales.length}, scales));
            String roi = "";
            if (g.opset() < 13) { // roi became optional in opset 13
                roi = uniqueName(n.getOutput(0) + "_roi");
                inits.put(roi, Tensors.floats(roi, new long[] {0}, new float[0]));
            }
            nodes.set(k, n.toBuilder().clearInput().addInput(n.getInput(0)).addInput(roi).addInput(name).build());
            count(RESIZES);
        }
    }

    /**
     * out/in per axis, nudged up until ONNX Runtime's float output size (in * scale, truncated)
     * reaches the folded size, so the output shape is exactly the export's.
     */
    static float[] scales(long[] in, long[] out) {
        float[] s = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            float f = (float) out[i] / in[i];
            while ((long) (f * (float) in[i]) < out[i]) {
                f = Math.nextUp(f);
            }
            s[i] = f;
        }
        return s;
    }

    private String uniqueName(String base) {
        String name = base;
        for (int i = 1; inits.containsKey(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /** Drops nodes and initializers nothing reaches the graph outputs through (the folded chains). */
    private void removeDead(GraphProto graph) {
        Set<String> live = new HashSet<>();
        graph.getOutputList().forEach(v -> live.add(v.getName()));
        List<NodeProto> kept = new ArrayList<>();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            NodeProto n = nodes.get(i);
            if (n.getOutputList().stream().anyMatch(live::contains)) {
                live.addAll(n.getInputList());
                kept.add(0, n);
            } else if (CHAIN_OPS.contains(n.getOpType())) {
                count(DEAD);
            } else {
                kept.add(0, n); // a dead compute node is the user's business, not ours to delete
                live.addAll(n.getInputList());
            }
        }
        nodes.clear();
        nodes.addAll(kept);
        inits.keySet().removeIf(name -> !live.contains(name));
    }

    private ModelProto rebuild(ModelProto model, ImportOptions o, boolean symbolicBatch) {
        GraphProto.Builder gb = model.getGraph().toBuilder().clearNode().clearInitializer().clearValueInfo()
                .clearInput().clearOutput();
        gb.addAllNode(nodes).addAllInitializer(inits.values());
        boolean changedBatch = false;
        for (ValueInfoProto v : model.getGraph().getInputList()) {
            if (inits.containsKey(v.getName())) {
                continue; // old exports list initializers as inputs too
            }
            if (model.getGraph().getInitializerList().stream().anyMatch(t -> t.getName().equals(v.getName()))) {
                continue;
            }
            ValueInfoProto.Builder vb = v.toBuilder();
            changedBatch |= symbolicBatch && setBatch(vb);
            if (o.height() != null) {
                setDim(vb, 2, o.height());
                setDim(vb, 3, o.width());
            }
            gb.addInput(vb);
        }
        for (ValueInfoProto v : model.getGraph().getOutputList()) {
            ValueInfoProto.Builder vb = v.toBuilder();
            changedBatch |= symbolicBatch && setBatch(vb);
            gb.addOutput(vb);
        }
        if (changedBatch) {
            changes.put(BATCH, 1);
        }
        return model.toBuilder().setGraph(gb).build();
    }

    private static boolean setBatch(ValueInfoProto.Builder vb) {
        TensorShapeProto.Builder s = vb.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
        if (s.getDimCount() == 0 || s.getDim(0).hasDimParam() && !s.getDim(0).getDimParam().isEmpty()) {
            return false;
        }
        s.setDim(0, TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        return true;
    }

    private static void setDim(ValueInfoProto.Builder vb, int i, int value) {
        TensorShapeProto.Builder s = vb.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
        if (s.getDimCount() > i) {
            s.setDim(i, TensorShapeProto.Dimension.newBuilder().setDimValue(value));
        }
    }
}
