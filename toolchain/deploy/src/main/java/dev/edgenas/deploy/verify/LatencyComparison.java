package dev.edgenas.deploy.verify;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.latency.TableEntry;
import dev.edgenas.runtime.NetworkTimer;
import dev.edgenas.runtime.OrtSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * fp32 vs int8 latency in ONNX Runtime on this CPU, batch 1, both models with the same OrtSettings, measured by
 * {@link NetworkTimer} (the timer of table validation and of the search's pick): warm-up, rounds interleaved
 * between the two models (so drift in clocks or load hits both alike), stopped at a 2 % confidence interval of
 * the median or at {@code runs} runs per model.
 *
 * @param fp32Ms   median fp32 latency
 * @param int8Ms   median int8 latency
 * @param ratio    int8 / fp32
 * @param fp32P10  10th percentile fp32
 * @param fp32P90  90th percentile fp32
 * @param int8P10  10th percentile int8
 * @param int8P90  90th percentile int8
 * @param warmup   warm-up runs per model and round
 * @param runs     timed runs of the model measured longer (at most the requested runs)
 * @param threads  intra-op threads
 * @param optLevel ORT graph optimisation level
 */
public record LatencyComparison(double fp32Ms, double int8Ms, double ratio, double fp32P10, double fp32P90,
                                double int8P10, double int8P90, int warmup, int runs, int threads, String optLevel) {

    public static LatencyComparison measure(Path fp32, Path int8, OrtSettings settings, int warmup, int runs) {
        Map<String, ModelProto> nets = new LinkedHashMap<>();
        nets.put("fp32", OnnxModels.read(fp32));
        nets.put("int8", OnnxModels.read(int8));
        Map<String, TableEntry> m = NetworkTimer.measure(nets, settings, NetworkTimer.policy(warmup, runs), null);
        TableEntry a = m.get("fp32");
        TableEntry b = m.get("int8");
        return new LatencyComparison(a.median(), b.median(), b.median() / a.median(), a.p10(), a.p90(), b.p10(),
                b.p90(), warmup, Math.max(a.count(), b.count()), settings.threads(), settings.optLevel());
    }
}
