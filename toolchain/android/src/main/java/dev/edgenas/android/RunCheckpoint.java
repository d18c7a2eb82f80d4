package dev.edgenas.android;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.AtomicFiles;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Host-side record of what the phone already measured, so an interrupted run resumes: the agent's
 * accepted lines per round (round-N.jsonl) and the identity of the run (run.json) so that a
 * checkpoint of another phone or other settings is never mixed in.
 */
final class RunCheckpoint {
    private final Path dir;

    RunCheckpoint(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** Creates run.json, or checks that the existing one describes the same run. */
    void bind(Map<String, Object> identity) {
        Path file = dir.resolve("run.json");
        JsonNode wanted = Json.MAPPER.valueToTree(identity);
        if (Files.exists(file)) {
            JsonNode had = Json.readTree(file);
            for (Iterator<String> it = wanted.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!wanted.get(field).equals(had.get(field))) {
                    throw BadInputException.at(file, field, "the checkpoint is from another run (was " + had.get(field)
                            + ", now " + wanted.get(field) + "); use another checkpoint folder or delete this one");
                }
            }
            return;
        }
        Json.writeFile(file, identity);
    }

    Path roundFile(int round) {
        return dir.resolve("round-" + round + ".jsonl");
    }

    AgentOutput load(int round) {
        Path f = roundFile(round);
        try {
            String text = Files.exists(f) ? Files.readString(f) : "";
            return AgentOutputParser.parse(text, f.toString(), round);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + f, e);
        }
    }

    /**
     * Appends the lines of a pulled agent output that are new for this round: the header, error
     * lines, and kernel lines that {@code accept} takes. Returns how many kernels became finished.
     */
    int merge(int round, String pulled, Predicate<KernelSample> accept) {
        AgentOutput have = load(round);
        AgentOutput fresh = AgentOutputParser.parse(pulled, "pulled agent output", round);
        Map<String, String> keep = new LinkedHashMap<>();
        StringBuilder add = new StringBuilder();
        int finished = 0;
        for (String line : pulled.split("\n")) {
            JsonNode n;
            try {
                n = Json.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                continue;
            }
            if (n == null) {
                continue;
            }
            String type = n.path("type").asText();
            String key = n.path("kernel").asText();
            boolean isNew = !have.kernels().containsKey(key) && !have.errors().containsKey(key) && !keep.containsKey(key);
            boolean take = switch (type) {
                case "header" -> true;
                case "error" -> isNew;
                case "kernel" -> isNew && accept.test(fresh.kernels().get(key));
                default -> false;
            };
            if (take) {
                add.append(line.strip()).append('\n');
                if (!type.equals("header")) {
                    keep.put(key, type);
                    finished++;
                }
            }
        }
        if (add.length() > 0) {
            Path f = roundFile(round);
            try {
                String old = Files.exists(f) ? Files.readString(f) : "";
                AtomicFiles.writeString(f, old + add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot update checkpoint " + f, e);
            }
        }
        return finished;
    }
}
