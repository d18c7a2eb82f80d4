package dev.edgenas.latency;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.edgenas.core.Provenance;
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
 * @param origin            the nested provenance every edgenas artifact carries (tool with baked commit and
 *                          dirty flag, the input files with checksums, the device, the seed and effective
 *                          options); null in tables written before it existed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableProvenance(String deviceId, String deviceDescription, String platform, boolean simulated,
                              String cpuModel, int cores, String governor, String cpuMhz,
                              Map<String, Long> clocksHz, String runtime, String runtimeVersion, int threads,
                              String optLevel, String precision, String createdAt, String edgenasVersion,
                              String gitCommit, String commandLine, Map<String, String> host,
                              Map<String, String> facts, Provenance origin) {

    /** A provenance without the nested record (tables written before it existed, test fixtures). */
    public TableProvenance(String deviceId, String deviceDescription, String platform, boolean simulated,
                           String cpuModel, int cores, String governor, String cpuMhz,
                           Map<String, Long> clocksHz, String runtime, String runtimeVersion, int threads,
                           String optLevel, String precision, String createdAt, String edgenasVersion,
                           String gitCommit, String commandLine, Map<String, String> host,
                           Map<String, String> facts) {
        this(deviceId, deviceDescription, platform, simulated, cpuModel, cores, governor, cpuMhz, clocksHz, runtime,
                runtimeVersion, threads, optLevel, precision, createdAt, edgenasVersion, gitCommit, commandLine, host,
                facts, null);
    }

    /** The same provenance with these backend facts (null or empty: none). */
    public TableProvenance withFacts(Map<String, String> f) {
        return new TableProvenance(deviceId, deviceDescription, platform, simulated, cpuModel, cores, governor, cpuMhz,
                clocksHz, runtime, runtimeVersion, threads, optLevel, precision, createdAt, edgenasVersion, gitCommit,
                commandLine, host, f == null || f.isEmpty() ? null : new java.util.TreeMap<>(f), origin);
    }
}
