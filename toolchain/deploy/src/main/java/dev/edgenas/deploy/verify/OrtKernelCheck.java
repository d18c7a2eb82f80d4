package dev.edgenas.deploy.verify;

import dev.edgenas.runtime.OrtEnv;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.runtime.OrtSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What ONNX Runtime actually executes: the session's optimised graph, saved with
 * SessionOptions.setOptimizedModelFilePath and counted by operator. A QDQ model whose groups ORT
 * fused runs QLinearConv / QLinearAdd / QLinearConcat ...; float Conv nodes left over mean a
 * placement the QDQ transformer did not recognise.
 *
 * @param opCounts      operator (domain-qualified when not ai.onnx) -> count in the optimised graph
 * @param int8Ops       nodes running integer kernels
 * @param floatComputes float Conv/Add/Concat/... nodes left (0 when everything stays int8)
 */
public record OrtKernelCheck(Map<String, Integer> opCounts, int int8Ops, int floatComputes) {
    static final Set<String> INT8_OPS = Set.of("QLinearConv", "ConvInteger", "MatMulInteger", "QLinearMatMul",
            "QLinearAdd", "QLinearConcat", "QLinearGlobalAveragePool", "QLinearAveragePool", "QLinearMul",
            "DynamicQuantizeLinear", "QLinearLeakyRelu", "QLinearSigmoid");
    static final Set<String> FLOAT_COMPUTE = Set.of("Conv", "FusedConv", "Add", "Concat", "GlobalAveragePool",
            "AveragePool", "Gemm", "MatMul");

    public static OrtKernelCheck inspect(Path model, OrtSettings settings) {
        Path dump = null;
        try {
            dump = Files.createTempFile("edgenas-ort-optimized", ".onnx");
            OrtEnvironment env = OrtEnv.get();
            try (OrtSession.SessionOptions so = settings.sessionOptions()) {
                so.setOptimizedModelFilePath(dump.toString());
                env.createSession(model.toString(), so).close();
            }
            return count(OnnxModels.read(dump));
        } catch (OrtException e) {
            throw new EdgenasException(ExitCode.FAILURE, model + ": ONNX Runtime cannot load the model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dump != null) {
                try {
                    Files.deleteIfExists(dump);
                } catch (IOException ignored) {
                    // a temp file
                }
            }
        }
    }

    static OrtKernelCheck count(ModelProto m) {
        Map<String, Integer> counts = new TreeMap<>();
        int int8 = 0;
        int flt = 0;
        for (NodeProto n : m.getGraph().getNodeList()) {
            String key = n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx") ? n.getOpType()
                    : n.getDomain() + ":" + n.getOpType();
            counts.merge(key, 1, Integer::sum);
            if (INT8_OPS.contains(n.getOpType()) || isIntegerPassThrough(n)) {
                int8++;
            } else if (FLOAT_COMPUTE.contains(n.getOpType())) {
                flt++;
            }
        }
        return new OrtKernelCheck(counts, int8, flt);
    }

    /** Resize / MaxPool whose input is no DequantizeLinear output run on int8 data after ORT dropped their Q/DQ. */
    private static boolean isIntegerPassThrough(NodeProto n) {
        return List.of("Resize", "MaxPool").contains(n.getOpType()) && !n.getInput(0).endsWith("_dq")
                && !n.getInput(0).contains(".dq");
    }

    public String summary() {
        StringBuilder sb = new StringBuilder();
        opCounts.forEach((k, v) -> {
            if (!k.equals("QuantizeLinear") && !k.equals("DequantizeLinear")) {
                sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v);
            }
        });
        return sb + "; Q/DQ left: " + opCounts.getOrDefault("QuantizeLinear", 0) + "/"
                + opCounts.getOrDefault("DequantizeLinear", 0);
    }
}
