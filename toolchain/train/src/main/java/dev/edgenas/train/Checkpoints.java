package dev.edgenas.train;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.AtomicFiles;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.Json;
import dev.edgenas.ir.OnnxModels;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-epoch checkpoints: {@code epoch-NNNN.onnx} (the model with its weights and BatchNorm
 * statistics, a valid edgenas model in itself), {@code epoch-NNNN.optim} (optimizer moments) and
 * {@code state.json} (epoch, optimizer step count, recipe, history). Every file is written
 * atomically and state.json last, so it always names a complete pair; a run killed at any moment
 * loses at most the epoch in progress. The data order and augmentation depend only on
 * (seed, epoch, sample), so the state needs no RNG beyond the epoch number.
 */
final class Checkpoints {
    static final String STATE = "state.json";
    private static final int MAGIC = 0x45444f50; // "EDOP"

    private Checkpoints() {
    }

    record State(int epoch, long optimizerSteps, String modelFile, String optimizerFile,
                 Map<String, Object> recipe, List<EpochStats> history, double wallSeconds) {
    }

    record Loaded(State state, ModelProto model, Map<String, float[]> optimizer) {
    }

    static void save(Path dir, State s, ModelProto model, Map<String, float[]> optimizer) {
        OnnxModels.write(model, dir.resolve(s.modelFile()));
        AtomicFiles.write(dir.resolve(s.optimizerFile()), out -> {
            DataOutputStream d = new DataOutputStream(out);
            d.writeInt(MAGIC);
            d.writeInt(optimizer.size());
            for (Map.Entry<String, float[]> e : optimizer.entrySet()) {
                d.writeUTF(e.getKey());
                d.writeInt(e.getValue().length);
                for (float f : e.getValue()) {
                    d.writeFloat(f);
                }
            }
            d.flush();
        });
        Json.writeFile(dir.resolve(STATE), s);
        deleteOlder(dir, s);
    }

    static String modelFile(int epoch) {
        return String.format("epoch-%04d.onnx", epoch);
    }

    static String optimizerFile(int epoch) {
        return String.format("epoch-%04d.optim", epoch);
    }

    /** The last checkpoint in dir, or empty when there is none; a recipe mismatch is an error. */
    static Optional<Loaded> load(Path dir, Map<String, Object> recipe) {
        Path stateFile = dir.resolve(STATE);
        if (!Files.isRegularFile(stateFile)) {
            return Optional.empty();
        }
        State s = Json.readFile(stateFile, State.class);
        JsonNode saved = reparse(s.recipe());
        JsonNode now = reparse(recipe);
        now.fieldNames().forEachRemaining(k -> {
            if (!now.get(k).equals(saved.get(k))) {
                throw BadInputException.at(stateFile, "recipe." + k, "the checkpoint was trained with " + saved.get(k)
                        + ", this run asks for " + now.get(k) + "; resume with the same recipe or start without --resume");
            }
        });
        ModelProto model = OnnxModels.read(dir.resolve(s.modelFile()));
        return Optional.of(new Loaded(s, model, readOptimizer(dir.resolve(s.optimizerFile()))));
    }

    /** Through text and back, so that both sides have the same node types (int vs long). */
    private static JsonNode reparse(Map<String, Object> recipe) {
        try {
            return Json.MAPPER.readTree(Json.write(recipe));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, float[]> readOptimizer(Path file) {
        Map<String, float[]> m = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            DataInputStream d = new DataInputStream(new java.io.BufferedInputStream(in));
            if (d.readInt() != MAGIC) {
                throw BadInputException.at(file, null, "not an edgenas optimizer state");
            }
            int n = d.readInt();
            for (int i = 0; i < n; i++) {
                String name = d.readUTF();
                float[] v = new float[d.readInt()];
                for (int k = 0; k < v.length; k++) {
                    v[k] = d.readFloat();
                }
                m.put(name, v);
            }
        } catch (java.io.EOFException e) {
            throw BadInputException.at(file, null, "truncated optimizer state");
        } catch (IOException e) {
            throw BadInputException.at(file, null, "cannot read: " + e.getMessage());
        }
        return m;
    }

    private static void deleteOlder(Path dir, State s) {
        try (var files = Files.list(dir)) {
            List<Path> old = new ArrayList<>();
            files.filter(p -> p.getFileName().toString().matches("epoch-\\d{4}\\.(onnx|optim)"))
                    .filter(p -> !p.getFileName().toString().equals(s.modelFile())
                            && !p.getFileName().toString().equals(s.optimizerFile()))
                    .forEach(old::add);
            for (Path p : old) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tidy checkpoints in " + dir + ": " + e.getMessage(), e);
        }
    }
}
