package dev.edgenas.train;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.edgenas.core.Json;
import dev.edgenas.core.Provenance;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.train.onnx.WeightWriteBack;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes trained weights back into the model and records how: a fresh {@code edgenas.provenance}
 * (inputs: the base model, the dataset, the teacher) and an {@code edgenas.training} entry with the
 * recipe, the per-epoch history and the final validation metrics (and, when the base model had
 * been trained already, that earlier record as {@code previous}).
 */
final class TrainingRecord {
    static final String KEY = "edgenas.training";

    private TrainingRecord() {
    }

    static ModelProto annotate(ModelProto base, Map<String, float[]> weights, TrainOptions o, Map<String, Object> recipe,
                               List<EpochStats> history, double wallSeconds, int threads, Path modelSource) {
        ModelProto m = WeightWriteBack.apply(base, weights);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("recipe", recipe);
        record.put("epochsCompleted", history.size());
        if (!history.isEmpty()) {
            EpochStats last = history.get(history.size() - 1);
            record.put("valMiou", last.valMiou());
            record.put("valPixelAccuracy", last.valPixelAccuracy());
            record.put("perClassIou", last.perClassIou());
            record.put("trainImagesPerSecond", history.stream().mapToDouble(EpochStats::trainImagesPerSecond).average().orElse(0));
            record.put("inferenceImagesPerSecond", last.inferenceImagesPerSecond());
        }
        record.put("wallSeconds", Math.round(wallSeconds * 10) / 10.0);
        record.put("threads", threads);
        record.put("engine", "DJL " + TorchRuntime.ENGINE + " " + TorchRuntime.version());
        record.put("history", history.stream().map(e -> List.of(e.epoch(), round(e.trainLoss()), round(e.valMiou())))
                .toList());
        // a model trained before (e.g. stage 1 of a two-stage recipe) keeps its record as "previous"
        ModelMetadata.property(base, KEY).ifPresent(prev -> record.put("previous", Json.readTreeString(prev)));
        m = ModelMetadata.withProperty(m, KEY, compact(record));
        Provenance.Builder b = Provenance.builder();
        if (modelSource != null) {
            b.input("model", modelSource);
        }
        b.input("data", o.data);
        if (o.teacher != null) {
            b.input("teacher", o.teacher);
        }
        Provenance p = b.seed(o.seed).optionsOf(o).build();
        return ModelMetadata.withProperty(m, ModelMetadata.PROVENANCE_KEY, compact(p));
    }

    static String compact(Object value) {
        try {
            return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
