package dev.edgenas.train.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;

/** One compiled node: the tensors it reads (after alias resolution), the tensor it writes, its kernel. */
record Step(NodeProto node, String[] inputs, String output, NodeOp kernel) {
}
