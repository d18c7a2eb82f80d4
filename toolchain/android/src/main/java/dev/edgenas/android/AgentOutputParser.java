package dev.edgenas.android;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.agent.android.AgentMain;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the agent's JSON lines (see docs/ANDROID.md) into {@link AgentOutput}; runs nothing. */
public final class AgentOutputParser {
    private AgentOutputParser() {
    }

    /**
     * @param source names the file in error messages
     * @param round  stored in each {@link KernelSample}
     */
    public static AgentOutput parse(String text, String source, int round) {
        JsonNode header = null;
        Map<String, KernelSample> kernels = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        boolean done = false;
        String fatal = null;
        int bad = 0;
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode n;
            try {
                n = Json.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                bad++; // a line cut short by a crash; the agent closes it before appending again
                continue;
            }
            String where = source + ": line " + (i + 1);
            switch (n.path("type").asText()) {
                case "header" -> {
                    if (n.path("protocol").asInt() != AgentMain.PROTOCOL) {
                        throw BadInputException.at(null, null, where + ": protocol: agent speaks "
                                + n.path("protocol").asText() + ", this edgenas reads " + AgentMain.PROTOCOL);
                    }
                    header = n;
                }
                case "kernel" -> {
                    KernelSample k = sample(n, where, round);
                    kernels.put(k.kernel(), k);
                    errors.remove(k.kernel());
                }
                case "error" -> errors.put(text(n, "kernel", where), n.path("message").asText());
                case "done" -> done = true;
                case "fatal" -> fatal = n.path("message").asText();
                default -> throw BadInputException.at(null, null, where + ": type: unknown line type '"
                        + n.path("type").asText() + "'");
            }
        }
        return new AgentOutput(header, kernels, errors, done, bad, fatal);
    }

    private static KernelSample sample(JsonNode n, String where, int round) {
        return new KernelSample(text(n, "kernel", where), text(n, "file", where), round,
                number(n, "sessionCreateNs", where), n.path("warmupNs").asLong(-1), longs(n, "samplesNs", where),
                longs(n, "freqBeforeKHz", where), longs(n, "freqAfterKHz", where),
                (int) number(n, "thermalBefore", where), (int) number(n, "thermalAfter", where));
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw BadInputException.at(null, null, where + ": " + field + ": missing or not a string");
        }
        return v.asText();
    }

    private static long number(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw BadInputException.at(null, null, where + ": " + field + ": missing or not an integer");
        }
        return v.asLong();
    }

    private static List<Long> longs(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            throw BadInputException.at(null, null, where + ": " + field + ": missing or not an array");
        }
        List<Long> out = new ArrayList<>();
        for (JsonNode x : v) {
            if (!x.isIntegralNumber()) {
                throw BadInputException.at(null, null, where + ": " + field + ": not an integer: " + x);
            }
            out.add(x.asLong());
        }
        return out;
    }
}
