package dev.edgenas.search;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.Json;
import dev.edgenas.data.VocDataset;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.models.space.Genome;
import dev.edgenas.models.space.SearchSpace;
import dev.edgenas.runtime.NetworkTimer;
import dev.edgenas.runtime.OrtSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Checks a finished search's fine-tuned front against the full model. Args: SEARCH_DIR MODEL DATA [ROUNDS].
 * Measures the full model and every fine-tuned network at batch 1 with the CPU table's settings (interleaved
 * median, {@link dev.edgenas.runtime.NetworkTimer}), scores the full model on the whole validation split, and prints the best
 * measured speed-up within 3 mIoU points plus the proxy-vs-final Spearman correlation.
 */
public final class FrontCheck {
    private FrontCheck() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Path modelFile = Path.of(args[1]);
        Path data = Path.of(args[2]);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        JsonNode pareto = Json.readTree(dir.resolve("pareto.json")).get("pareto");
        ModelProto model = OnnxModels.read(modelFile);
        ModelMetadata meta = ModelMetadata.of(model, modelFile);
        double fullMiou = CandidateEvaluator.miou(model, EvalData.load(VocDataset.open(data, "val"), meta, 0),
                meta.numClasses(), meta.ignoreLabel());
        List<Path> files = new ArrayList<>(List.of(modelFile));
        List<JsonNode> tuned = new ArrayList<>();
        for (JsonNode e : pareto) {
            if (e.hasNonNull("finalMiou")) {
                tuned.add(e);
                files.add(dir.resolve(e.get("file").asText()));
            }
        }
        String before = dev.edgenas.core.HostInfo.loadAverage();
        double[] ms = NetworkTimer.medians(files, new OrtSettings(1, "ALL_OPT"), NetworkTimer.policy(20, rounds),
                FinalStage.MEASURE_SESSIONS);
        System.out.printf("measured at batch 1, 1 ORT thread, median over %d sessions of at most %d interleaved runs "
                + "each (NetworkTimer) (load before %s, after %s)%n", FinalStage.MEASURE_SESSIONS, rounds, before,
                dev.edgenas.core.HostInfo.loadAverage());
        System.out.printf("  full model: %.3f ms, mIoU %.4f (whole validation split)%n", ms[0], fullMiou);
        double best = 0;
        String bestName = "none";
        for (int i = 0; i < tuned.size(); i++) {
            JsonNode e = tuned.get(i);
            double ratio = ms[0] / ms[i + 1];
            double fin = e.get("finalMiou").asDouble();
            double predicted = e.get("latencyMs").size() > 0 ? e.get("latencyMs").get(0).asDouble() : Double.NaN;
            System.out.printf("  %s: %.3f ms measured (%.3f predicted), %.2fx faster, proxy %.4f, final mIoU %.4f "
                    + "(%+.2f points)%n", e.get("file").asText(), ms[i + 1], predicted, ratio,
                    e.get("proxyMiou").asDouble(), fin, 100 * (fin - fullMiou));
            if (fullMiou - fin <= 0.03 && ratio > best) {
                best = ratio;
                bestName = e.get("file").asText();
            }
        }
        System.out.printf("best MEASURED latency ratio at <= 3 points mIoU loss (fine-tuned): %.2fx (%s)%n", best,
                bestName);
        if (tuned.size() >= 3) {
            double[] p = tuned.stream().mapToDouble(e -> e.get("proxyMiou").asDouble()).toArray();
            // screened mIoU: every screened network had the same budget (focused ones got more afterwards)
            double[] f = tuned.stream().mapToDouble(e -> e.path("screenMiou").isNumber() ? e.get("screenMiou").asDouble()
                    : e.get("finalMiou").asDouble()).toArray();
            System.out.printf("Spearman proxy vs screened mIoU: %.3f (%d fine-tuned networks)%n",
                    new SpearmansCorrelation().correlation(p, f), tuned.size());
            // the same proxy without BatchNorm recalibration, for the effect of recalibration on rank fidelity
            SearchSpace space = SearchSpace.of(model, modelFile);
            EvalData subset = EvalData.load(VocDataset.open(data, "val"), meta, new SearchOptions().valSubset);
            double[] raw = tuned.stream().mapToDouble(e -> CandidateEvaluator.miou(space.subnet(
                    Genome.parse(e.get("genome").asText())), subset, meta.numClasses(), meta.ignoreLabel())).toArray();
            System.out.printf("Spearman proxy WITHOUT BN recalibration vs screened mIoU: %.3f (proxies %s)%n",
                    new SpearmansCorrelation().correlation(raw, f), java.util.Arrays.toString(
                            java.util.Arrays.stream(raw).map(v -> Math.round(v * 1000) / 1000.0).toArray()));
        }
    }
}
