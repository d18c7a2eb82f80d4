package dev.edgenas.android;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One agent output file, parsed: the last header (device facts as the agent saw them), the
 * measured kernels and the kernels that failed (key -> message), whether the run reached its end,
 * how many lines were unreadable (a line cut short by a crash), and the agent's fatal message when
 * ONNX Runtime could not be used at all (native load, version, provider), else null.
 */
public record AgentOutput(JsonNode header, Map<String, KernelSample> kernels, Map<String, String> errors,
                          boolean done, int badLines, String fatal) {
    public AgentOutput {
        kernels = Map.copyOf(kernels);
        errors = Map.copyOf(errors);
    }

    /** The CPU ids the clock arrays are in, from the header; null when there is no header. */
    public List<Integer> cpuOrder() {
        if (header == null || !header.path("cpus").isArray()) {
            return null;
        }
        List<Integer> out = new java.util.ArrayList<>();
        header.path("cpus").forEach(c -> out.add(c.asInt()));
        return out;
    }

    public List<String> finishedKeys() {
        return java.util.stream.Stream.concat(kernels.keySet().stream(), errors.keySet().stream()).toList();
    }
}
