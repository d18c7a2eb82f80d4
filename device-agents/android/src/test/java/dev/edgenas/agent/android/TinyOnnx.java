package dev.edgenas.agent.android;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Writes single-operator ONNX models (the kind of kernel edgenas profiles) for tests. */
public final class TinyOnnx {
    private static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT.getNumber();

    private TinyOnnx() {
    }

    /** Conv (3x3, pad 1, stride 1, given groups) on a 1 x cin x hw x hw input. */
    public static Path conv(Path file, int cin, int cout, int hw, int groups) {
        Random r = new Random(7);
        OnnxMl.TensorProto.Builder w = OnnxMl.TensorProto.newBuilder().setName("w").setDataType(FLOAT)
                .addDims(cout).addDims(cin / groups).addDims(3).addDims(3);
        for (int i = 0; i < cout * (cin / groups) * 9; i++) {
            w.addFloatData((float) r.nextGaussian() * 0.1f);
        }
        OnnxMl.NodeProto node = OnnxMl.NodeProto.newBuilder().setOpType("Conv").setName("conv")
                .addInput("x").addInput("w").addOutput("y")
                .addAttribute(ints("kernel_shape", 3, 3)).addAttribute(ints("pads", 1, 1, 1, 1))
                .addAttribute(ints("strides", 1, 1))
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("group").setI(groups)
                        .setType(OnnxMl.AttributeProto.AttributeType.INT))
                .build();
        OnnxMl.GraphProto g = OnnxMl.GraphProto.newBuilder().setName("conv").addNode(node).addInitializer(w)
                .addInput(value("x", 1, cin, hw, hw)).addOutput(value("y", 1, cout, hw, hw)).build();
        return save(file, g);
    }

    /** Relu on a 1 x c x hw x hw tensor. */
    public static Path relu(Path file, int c, int hw) {
        OnnxMl.NodeProto node = OnnxMl.NodeProto.newBuilder().setOpType("Relu").setName("relu")
                .addInput("x").addOutput("y").build();
        OnnxMl.GraphProto g = OnnxMl.GraphProto.newBuilder().setName("relu").addNode(node)
                .addInput(value("x", 1, c, hw, hw)).addOutput(value("y", 1, c, hw, hw)).build();
        return save(file, g);
    }

    private static Path save(Path file, OnnxMl.GraphProto graph) {
        OnnxMl.ModelProto m = OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("edgenas-test")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph).build();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, m.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static OnnxMl.AttributeProto ints(String name, long... v) {
        OnnxMl.AttributeProto.Builder b = OnnxMl.AttributeProto.newBuilder().setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.INTS);
        for (long x : v) {
            b.addInts(x);
        }
        return b.build();
    }

    private static OnnxMl.ValueInfoProto value(String name, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(FLOAT).setShape(shape))).build();
    }
}
