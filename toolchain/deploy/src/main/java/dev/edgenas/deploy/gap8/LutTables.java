package dev.edgenas.deploy.gap8;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.edgenas.gap8.codegen.LutTable;
import dev.edgenas.ir.Attrs;

/** The lookup table of a QDQ model's HardSigmoid / HardSwish node for its input and output quantisation. */
final class LutTables {
    private LutTables() {
    }

    static byte[] table(NodeProto n, QTensor x, QTensor y) {
        return LutTable.of(n.getOpType(), Attrs.getFloat(n, "alpha", 0.2f), Attrs.getFloat(n, "beta", 0.5f), x.scale(),
                x.zeroPoint(), y.scale(), y.zeroPoint());
    }
}
