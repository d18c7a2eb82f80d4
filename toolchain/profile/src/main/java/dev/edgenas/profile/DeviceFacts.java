package dev.edgenas.profile;

import java.util.Map;

/**
 * What a backend knows about its device, recorded in the table's provenance.
 *
 * @param deviceId       backend name and target (DeviceSpec.id)
 * @param description    human description (CPU model, phone model, board)
 * @param platform       desktop-cpu, android or gap8
 * @param simulated      true when the far end is a simulator (GAP8 host-sim, simulated phone)
 * @param cpuModel       CPU model
 * @param cores          cores of the device
 * @param governor       cpufreq governor or "unknown"
 * @param cpuMhz         current clock as reported, or null
 * @param clocksHz       clock domains, or null; cycle samples convert with {@value #COMPUTE_CLOCK}
 * @param runtime        inference runtime or kernel library
 * @param runtimeVersion its version
 * @param threads        threads kernels run with
 * @param optLevel       graph optimisation level, or null
 * @param extra          further facts (load average, thermal status, clusters), never null
 */
public record DeviceFacts(String deviceId, String description, String platform, boolean simulated, String cpuModel,
                          int cores, String governor, String cpuMhz, Map<String, Long> clocksHz, String runtime,
                          String runtimeVersion, int threads, String optLevel, Map<String, String> extra) {
    /** The clock that cycle samples count. */
    public static final String COMPUTE_CLOCK = "compute";

    public DeviceFacts {
        extra = Map.copyOf(extra);
        clocksHz = clocksHz == null ? null : Map.copyOf(clocksHz);
    }
}
