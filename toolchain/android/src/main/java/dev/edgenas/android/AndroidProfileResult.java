package dev.edgenas.android;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a run on a phone produced: the phone's facts (facts.simulated() marks host timings), how the
 * agent was pinned and threaded, per-kernel measurements, kernels the agent could not run
 * (key -> message), the agent's last header line (ORT version, VM, settings), and the clock checks
 * of the pinned cores ({@link ClockStats}: rounds kept below the cluster's maximum, rounds rejected), and the
 * agent's own JSON lines the run kept (what a sample parser reads, as the device printed them).
 */
public record AndroidProfileResult(AndroidDeviceFacts facts, long affinityMask, RunSettings settings,
                                   Map<String, AgentMeasurement> kernels, Map<String, String> failures,
                                   JsonNode agentHeader, ClockStats clocks, java.util.List<String> agentLines) {
    public AndroidProfileResult {
        agentLines = java.util.List.copyOf(agentLines);
        kernels = Map.copyOf(kernels);
        failures = Map.copyOf(failures);
    }

    /** The ONNX Runtime version the agent ran with ("" when unknown). */
    public String ortVersion() {
        return agentHeader == null ? "" : agentHeader.path("ortVersion").asText();
    }
}
