package dev.edgenas.android;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a run on a phone produced: the phone's facts (facts.simulated() marks host timings), how the
 * agent was pinned and threaded, per-kernel measurements, kernels the agent could not run
 * (key -> message), the agent's last header line (ORT version, VM, settings), and the clock checks
 * of the pinned cores ({@link ClockStats}: rounds kept below the cluster's maximum, rounds rejected).
 */
public record AndroidProfileResult(AndroidDeviceFacts facts, long affinityMask, RunSettings settings,
                                   Map<String, AgentMeasurement> kernels, Map<String, String> failures,
                                   JsonNode agentHeader, ClockStats clocks) {
    public AndroidProfileResult {
        kernels = Map.copyOf(kernels);
        failures = Map.copyOf(failures);
    }

    /** The ONNX Runtime version the agent ran with ("" when unknown). */
    public String ortVersion() {
        return agentHeader == null ? "" : agentHeader.path("ortVersion").asText();
    }
}
