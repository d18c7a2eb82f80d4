package dev.edgenas.train;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.ShapeInference;

/** Helpers for test graphs built with GraphBuilder. */
public final class TestModels {
    private TestModels() {
    }

    /** Gives every graph output its inferred shape (batch symbolic), as onnx.checker's strict mode wants. */
    public static ModelProto withInferredOutputShapes(ModelProto m) {
        var info = ShapeInference.infer(Graph.of(m), 1);
        ModelProto.Builder b = m.toBuilder();
        for (int i = 0; i < m.getGraph().getOutputCount(); i++) {
            ValueInfoProto o = m.getGraph().getOutput(i);
            long[] dims = info.get(o.getName()).shape();
            TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
            for (int d = 0; d < dims.length; d++) {
                shape.addDim(d == 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                        : TensorShapeProto.Dimension.newBuilder().setDimValue(dims[d]));
            }
            b.getGraphBuilder().setOutput(i, o.toBuilder().setType(TypeProto.newBuilder().setTensorType(
                    TypeProto.Tensor.newBuilder().setElemType(info.get(o.getName()).elemType()).setShape(shape))));
        }
        return b.build();
    }
}
