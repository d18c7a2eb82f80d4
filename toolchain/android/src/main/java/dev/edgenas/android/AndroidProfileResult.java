package dev.edgenas.android;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What a run on a phone produced: the phone's facts (facts.simulated() marks host timings), how the
 * agent was pinned and threaded, per-kernel measurements, kernels the agent could not run
 * (key -> message), and the agent's last header line (ORT version, VM, settings).
 */
public record AndroidProfileResult(AndroidDeviceFacts facts, long affinityMask, RunSettings settings,
                                   Map<String, KernelMeasurement> kernels, Map<String, String> failures,
                                   JsonNode agentHeader) {
    public AndroidProfileResult {
        kernels = Map.copyOf(kernels);
        failures = Map.copyOf(failures);
    }

    /** The ONNX Runtime version the agent ran with ("" when unknown). */
    public String ortVersion() {
        return agentHeader == null ? "" : agentHeader.path("ortVersion").asText();
    }
}
