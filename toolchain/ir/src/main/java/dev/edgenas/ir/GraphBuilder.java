package dev.edgenas.ir;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.edgenas.core.Provenance;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds ONNX models node by node. Every model edgenas creates (the DeepLabV3+ family, single-kernel
 * profiling models, quantized graphs) is assembled here, so opset, IR version and naming rules
 * live in one place.
 */
public final class GraphBuilder {
    /** Default opset: 17 is the newest that Debian's onnx 1.12 checker validates. */
    public static final int DEFAULT_OPSET = 17;
    /** IR version 8 goes with opset 17 (onnx 1.12). */
    public static final int IR_VERSION = 8;

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>();
    private final int opset;

    public GraphBuilder(String graphName) {
        this(graphName, DEFAULT_OPSET);
    }

    public GraphBuilder(String graphName, int opset) {
        graph.setName(graphName);
        this.opset = opset;
    }

    /** A float graph input; a negative dim becomes a symbolic one ("N"). */
    public String input(String name, long... dims) {
        return input(name, TensorProto.DataType.FLOAT, dims);
    }

    /** A typed graph input; the type is an enum so that it can never be mistaken for a dimension. */
    public String input(String name, TensorProto.DataType elemType, long... dims) {
        claim(name);
        graph.addInput(valueInfo(name, elemType.getNumber(), dims));
        return name;
    }

    public void output(String name, long... dims) {
        output(name, TensorProto.DataType.FLOAT, dims);
    }

    public void output(String name, TensorProto.DataType elemType, long... dims) {
        graph.addOutput(valueInfo(name, elemType.getNumber(), dims));
    }

    public String initializer(TensorProto t) {
        claim(t.getName());
        graph.addInitializer(t);
        return t.getName();
    }

    public String floats(String name, long[] dims, float[] data) {
        return initializer(Tensors.floats(name, dims, data));
    }

    public String longs(String name, long... data) {
        return initializer(Tensors.longs(name, new long[] {data.length}, data));
    }

    /** Adds a node with one output named like the node; returns the output's name. */
    public String node(String op, String name, List<String> inputs, AttributeProto... attrs) {
        return node(op, name, inputs, List.of(name), attrs).get(0);
    }

    public List<String> node(String op, String name, List<String> inputs, List<String> outputs,
                             AttributeProto... attrs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs);
        for (String o : outputs) {
            claim(o);
            n.addOutput(o);
        }
        for (AttributeProto a : attrs) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return outputs;
    }

    public GraphBuilder metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    public boolean has(String name) {
        return names.contains(name);
    }

    public ModelProto build() {
        ModelProto.Builder m = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("edgenas")
                .setProducerVersion(Provenance.toolVersion())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph.build());
        metadata.forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    private void claim(String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("duplicate tensor name in graph: " + name);
        }
    }

    static ValueInfoProto valueInfo(String name, int elemType, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }
}
