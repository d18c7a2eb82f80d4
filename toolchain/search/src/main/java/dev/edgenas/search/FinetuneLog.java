package dev.edgenas.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.Checksums;
import dev.edgenas.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the final stage has finished, so that a killed run resumed with {@code --resume} fine-tunes nothing twice:
 * {@code finetune.json} in the output folder, rewritten atomically after every network. A record is reused only
 * when its key (genome, round and recipe) matches and its ONNX file still has the recorded checksum. Measured
 * latencies are kept too (by genome), so that a resumed run takes the same decisions.
 */
final class FinetuneLog {
    /** One finished fine-tuning: the validation mIoU and the file it wrote, relative to the output folder. */
    record Done(double miou, String file, int images, String sha256) {
    }

    private final Path dir;
    private final Path file;
    private final Map<String, Done> done = new LinkedHashMap<>();
    private final Map<String, Double> measuredMs = new LinkedHashMap<>();
    private final Map<String, String> diverged = new LinkedHashMap<>();

    private FinetuneLog(Path dir) {
        this.dir = dir;
        this.file = dir.resolve("finetune.json");
    }

    /** Reads the log back when resuming; starts empty otherwise. */
    static FinetuneLog open(Path dir, boolean resume) {
        FinetuneLog log = new FinetuneLog(dir);
        if (resume && Files.isRegularFile(log.file)) {
            JsonNode tree = Json.readTree(log.file);
            tree.path("measuredMs").fields().forEachRemaining(f -> log.measuredMs.put(f.getKey(), f.getValue().asDouble()));
            tree.path("diverged").fields().forEachRemaining(f -> log.diverged.put(f.getKey(), f.getValue().asText()));
            JsonNode root = tree.path("done");
            root.fields().forEachRemaining(f -> {
                try {
                    log.done.put(f.getKey(), Json.MAPPER.treeToValue(f.getValue(), Done.class));
                } catch (JsonProcessingException e) {
                    throw BadInputException.at(log.file, "done." + f.getKey(), e.getOriginalMessage());
                }
            });
        }
        return log;
    }

    static String key(String genome, String round, String recipe) {
        return genome + "|" + round + "|" + recipe;
    }

    /** The finished record for a key whose file is intact, or null. */
    Done find(String key) {
        Done d = done.get(key);
        if (d == null) {
            return null;
        }
        Path f = dir.resolve(d.file());
        return Files.isRegularFile(f) && Checksums.sha256(f).equals(d.sha256()) ? d : null;
    }

    void record(String key, double miou, String relativeFile, int images) {
        done.put(key, new Done(miou, relativeFile, images, Checksums.sha256(dir.resolve(relativeFile))));
        save();
    }

    /**
     * Records why the fine-tuning under this key diverged at every learning rate tried. A record, not a verdict: a
     * resumed run tries it again, as divergence was seen to depend on what the process ran before (a target round
     * that diverged after the screening in one process trained cleanly when resumed alone).
     */
    void recordDiverged(String key, String why) {
        diverged.put(key, why);
        save();
    }

    /** Measured latency of each key (genome, or "full") from an earlier run, or null when any is missing. */
    double[] measured(List<String> keys, String settings) {
        double[] out = new double[keys.size()];
        for (int i = 0; i < out.length; i++) {
            Double v = measuredMs.get(settings + "|" + keys.get(i));
            if (v == null) {
                return null;
            }
            out[i] = v;
        }
        return out;
    }

    void recordMeasured(List<String> keys, String settings, double[] ms) {
        for (int i = 0; i < ms.length; i++) {
            measuredMs.put(settings + "|" + keys.get(i), ms[i]);
        }
        save();
    }

    private void save() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", "edgenas-finetune-log");
        json.put("measuredMs", measuredMs);
        json.put("done", done);
        json.put("diverged", diverged);
        Json.writeFile(file, json);
    }
}
