package dev.edgenas.deploy.verify;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.core.Json;
import dev.edgenas.deploy.quant.QuantPlan;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.runtime.OrtEnv;
import dev.edgenas.runtime.OrtSettings;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the float islands of an int8 model cost in ONNX Runtime on this CPU: operators ORT has no
 * int8 kernel for (MobileNetV3's HardSigmoid/HardSwish) run in float between DequantizeLinear and
 * QuantizeLinear. Measured with ORT's own per-node profiler over {@code runs} batch-1 runs: the
 * islands' operators, the Q/DQ conversions ORT leaves in the graph, and all kernels together.
 *
 * @param islandOps  island operator -> nodes of it in the int8 model
 * @param islandMs   mean time per run in the island operators
 * @param qdqMs      mean time per run in the remaining QuantizeLinear/DequantizeLinear nodes
 * @param kernelMs   mean time per run in all kernels
 * @param share      (islandMs + qdqMs) / kernelMs
 * @param runs       profiled runs
 */
public record FloatIslandCost(Map<String, Integer> islandOps, double islandMs, double qdqMs, double kernelMs,
                              double share, int runs) {

    /** Null when the model has no float island. */
    public static FloatIslandCost measure(Path int8, float[] input, long[] shape, OrtSettings settings, int runs) {
        Map<String, Integer> ops = new TreeMap<>();
        OnnxModels.read(int8).getGraph().getNodeList().stream()
                .filter(n -> QuantPlan.FLOAT_ISLANDS.contains(n.getOpType()))
                .forEach(n -> ops.merge(n.getOpType(), 1, Integer::sum));
        if (ops.isEmpty()) {
            return null;
        }
        OrtEnvironment env = OrtEnv.get();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("edgenas-ortprof-");
            Path trace;
            try (OrtSession.SessionOptions so = settings.sessionOptions()) {
                so.enableProfiling(dir.resolve("int8").toString());
                try (OrtSession s = env.createSession(int8.toString(), so);
                     OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape)) {
                    String in = s.getInputNames().iterator().next();
                    for (int i = 0; i < runs; i++) {
                        s.run(Map.of(in, x)).close();
                    }
                    trace = Path.of(s.endProfiling());
                }
            }
            return parse(Json.MAPPER.readTree(trace.toFile()), ops, runs);
        } catch (OrtException | IOException e) {
            throw new EdgenasException(ExitCode.FAILURE, int8 + ": profiling the float islands in ONNX Runtime failed: "
                    + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    static FloatIslandCost parse(JsonNode events, Map<String, Integer> ops, int runs) {
        double island = 0;
        double qdq = 0;
        double all = 0;
        for (JsonNode e : events) {
            if (!"Node".equals(e.path("cat").asText()) || !e.path("name").asText().endsWith("_kernel_time")) {
                continue;
            }
            String op = e.path("args").path("op_name").asText();
            double us = e.path("dur").asDouble();
            all += us;
            if (ops.containsKey(op)) {
                island += us;
            } else if (op.equals("QuantizeLinear") || op.equals("DequantizeLinear")) {
                qdq += us;
            }
        }
        double n = 1000.0 * runs;
        return new FloatIslandCost(ops, island / n, qdq / n, all / n, all == 0 ? 0 : (island + qdq) / all, runs);
    }

    public String summary() {
        return String.format("float islands (no ORT int8 kernel) %s: %.2f ms + Q/DQ %.2f ms of %.2f ms in kernels (%.1f%%)",
                islandOps, islandMs, qdqMs, kernelMs, 100 * share);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover trace in the temp folder is harmless
        }
    }
}
