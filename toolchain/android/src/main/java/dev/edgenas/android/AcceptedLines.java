package dev.edgenas.android;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The agent's own JSON lines that one run keeps, verbatim, across the agent starts it takes (an agent that
 * died or a phone that vanished mid-list is started again on the kernels still pending): the header, error
 * lines, and the kernel lines the clock and thermal checks accept. In memory only: what persists between runs
 * is the table the shared loop checkpoints.
 */
final class AcceptedLines {
    private final List<String> lines = new ArrayList<>();

    AgentOutput parsed(String source) {
        return AgentOutputParser.parse(String.join("\n", lines), source, 1);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * Keeps the lines of a pulled agent output that are new: the header, error lines, and kernel lines that
     * {@code accept} takes. Returns how many kernels became finished.
     */
    int merge(String pulled, Predicate<KernelSample> accept) {
        AgentOutput have = parsed("accepted agent output");
        AgentOutput fresh = AgentOutputParser.parse(pulled, "pulled agent output", 1);
        Map<String, String> keep = new LinkedHashMap<>();
        int finished = 0;
        for (String line : pulled.split("\n")) {
            JsonNode n;
            try {
                n = Json.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                continue; // a line cut short by a crash
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
                lines.add(line.strip());
                if (!type.equals("header")) {
                    keep.put(key, type);
                    finished++;
                }
            }
        }
        return finished;
    }
}
