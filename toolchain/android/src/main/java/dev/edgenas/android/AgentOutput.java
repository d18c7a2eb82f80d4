package dev.edgenas.android;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One agent output file, parsed: the last header (device facts as the agent saw them), the
 * measured kernels and the kernels that failed (key -> message), whether the run reached its end,
 * and how many lines were unreadable (a line cut short by a crash).
 */
public record AgentOutput(JsonNode header, Map<String, KernelSample> kernels, Map<String, String> errors,
                          boolean done, int badLines) {
    public AgentOutput {
        kernels = Map.copyOf(kernels);
        errors = Map.copyOf(errors);
    }

    public List<String> finishedKeys() {
        return java.util.stream.Stream.concat(kernels.keySet().stream(), errors.keySet().stream()).toList();
    }
}
