package dev.edgenas.profile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OrtSession;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.runtime.OrtEnv;
import dev.edgenas.runtime.OrtSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An int8 kernel must time what the deployed network runs: ONNX Runtime's fused integer conv, with the ReLU-like
 * activation folded into the output quantization as deploy folds it. With a mid-range output zero point ORT keeps
 * a float Conv and a Relu/Clip between DequantizeLinear and QuantizeLinear, which was 2-3x slower.
 */
class Int8KernelFusionTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        "conv;in=1x16x8x8;out=1x32x8x8;d=1x1;g=1;k=3x3;p=1,1,1,1;s=1x1;act=relu;prec=int8",
        "dwconv;in=1x16x8x8;out=1x16x8x8;d=1x1;g=16;k=3x3;p=1,1,1,1;s=1x1;act=relu6;prec=int8"})
    void onnxRuntimeRunsTheKernelAsOneIntegerConv(String text) throws Exception {
        ModelProto m = new KernelModelFactory().build(KernelKey.parse(text));
        Path optimized = dir.resolve("opt.onnx");
        try (OrtSession.SessionOptions so = new OrtSettings(1, "ALL_OPT").sessionOptions()) {
            so.setOptimizedModelFilePath(optimized.toString());
            OrtEnv.get().createSession(m.toByteArray(), so).close();
        }
        List<String> ops = OnnxModels.read(optimized).getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
        assertTrue(ops.contains("QLinearConv"), ops.toString());
        assertFalse(ops.contains("Conv") || ops.contains("Relu") || ops.contains("Clip"), ops.toString());
    }
}
