package dev.edgenas.train.onnx;

import ai.djl.ndarray.NDArray;

/**
 * The computation of one ONNX node on DJL arrays. Kernels call every op on an activation operand
 * (never on a parameter), so that results live in the caller's per-step manager.
 */
@FunctionalInterface
interface NodeOp {
    NDArray apply(NDArray[] inputs, boolean training);
}
