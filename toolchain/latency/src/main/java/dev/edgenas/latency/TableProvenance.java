package dev.edgenas.latency;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Where a table's numbers come from: enough to tell whether it still describes a device.
 *
 * @param deviceId          backend name and target: cpu, android:SERIAL, gap8:/dev/ttyUSB1
 * @param deviceDescription human description (CPU model, phone model, board)
 * @param platform          desktop-cpu, android or gap8
 * @param simulated         true for host-simulated devices: such tables never describe real hardware
 * @param cpuModel          CPU model as the device reports it
 * @param cores             cores of the device
 * @param governor          cpufreq governor, or "unknown"
 * @param cpuMhz            current clock as reported, or null
 * @param clocksHz          clock domains (GAP8 fc/cluster), or null
 * @param runtime           inference runtime or kernel library
 * @param runtimeVersion    its version
 * @param threads           threads the kernels ran with
 * @param optLevel          runtime graph optimisation level, or null
 * @param precision         fp32 or int8: every key of the table has it
 * @param createdAt         UTC ISO-8601 time
 * @param edgenasVersion    tool version
 * @param gitCommit         edgenas commit, or "unknown"
 * @param commandLine       the command that built the table
 * @param host              facts of the host that drove the measurement
 * @param facts             backend-specific facts (load, thermals, clusters), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableProvenance(String deviceId, String deviceDescription, String platform, boolean simulated,
                              String cpuModel, int cores, String governor, String cpuMhz,
                              Map<String, Long> clocksHz, String runtime, String runtimeVersion, int threads,
                              String optLevel, String precision, String createdAt, String edgenasVersion,
                              String gitCommit, String commandLine, Map<String, String> host,
                              Map<String, String> facts) {
}
