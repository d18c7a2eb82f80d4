package dev.edgenas.models.space;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.edgenas.ir.Graph;
import java.util.List;

/**
 * Matches the MobileNetV3 squeeze-excitation after a block's depthwise unit (see {@link SqueezeExcite}): the
 * depthwise output's only readers are a global average pool and the gating Mul.
 */
final class SqueezeExciteReader {
    private final Graph g;
    private final ConvUnitReader units;

    SqueezeExciteReader(Graph g, ConvUnitReader units) {
        this.g = g;
        this.units = units;
    }

    /** The squeeze-excitation reading {@code x} (of {@code channels} channels), or null when there is none. */
    SqueezeExcite read(String x, int channels) {
        List<NodeProto> c = g.consumers(x).stream().filter(n -> !n.getOpType().equals("Shape")).toList();
        if (c.size() != 2 || g.isGraphOutput(x)) {
            return null;
        }
        NodeProto pool = StructureReader.isGlobalPool(c.get(0)) ? c.get(0) : c.get(1);
        NodeProto mul = pool == c.get(0) ? c.get(1) : c.get(0);
        if (!StructureReader.isGlobalPool(pool) || !mul.getOpType().equals("Mul")) {
            return null;
        }
        NodeProto n1 = units.single(pool.getOutput(0));
        if (n1 == null || !n1.getOpType().equals("Conv")) {
            return null;
        }
        ConvUnit fc1 = units.read(n1);
        NodeProto n2 = units.single(fc1.output());
        if (!fc1.pointwise() || fc1.inChannels() != channels || n2 == null || !n2.getOpType().equals("Conv")) {
            return null;
        }
        ConvUnit fc2 = units.read(n2);
        NodeProto gate = units.single(fc2.output());
        if (!fc2.pointwise() || fc2.outChannels() != channels || !fc2.activation().equals("none") || gate == null
                || !gate.getOpType().equals("HardSigmoid") && !gate.getOpType().equals("Sigmoid")
                || units.single(gate.getOutput(0)) != mul) {
            return null;
        }
        List<String> in = mul.getInputList();
        if (in.size() != 2 || !in.contains(x) || !in.contains(gate.getOutput(0))) {
            return null;
        }
        return new SqueezeExcite(fc1, fc2, mul.getOutput(0));
    }
}
