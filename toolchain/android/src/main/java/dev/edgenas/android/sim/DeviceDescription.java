package dev.edgenas.android.sim;

import dev.edgenas.core.BadInputException;
import dev.edgenas.core.Json;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the simulated phone reports: identity properties, CPU clusters (cpus and max clock), the
 * thermal status it starts in, and fault switches for tests. Read from JSON, e.g.
 * {"model":"edgenas-sim","board":"sim","abi":"arm64-v8a","sdk":33,
 *  "clusters":[{"cpus":[0,1,2,3],"maxKHz":1800000},{"cpus":[4,5,6,7],"maxKHz":2400000}]}.
 *
 * @param thermalStatus      initial Android thermal status (0 = none .. 6 = shutdown)
 * @param coolDownAfterReads when above 0, the status drops to 0 after this many shell reads of
 *                           "dumpsys thermalservice" (a phone that cools while the host waits)
 * @param vendor             the java.vendor the agent runs under; "The Android Project" makes the agent
 *                           (and ORT's Java API) take their Android paths; null: the host JVM's vendor
 * @param clockDrop          clocks capped below the clusters' maximum during the first agent runs, as a
 *                           vendor thermal engine does without changing Android's thermal status; null: none
 */
public record DeviceDescription(String model, String board, String abi, Integer sdk, String release,
                                List<Cluster> clusters, Integer thermalStatus, Integer coolDownAfterReads,
                                Faults faults, String vendor, ClockDrop clockDrop) {
    /** The value ART reports as java.vendor. */
    public static final String ANDROID_VENDOR = "The Android Project";

    /**
     * During the first {@code agentRuns} app_process runs every CPU's scaling_cur_freq (and
     * scaling_max_freq) reads {@code percent}% of its cluster's cpuinfo_max_freq; after each run they
     * are back at the maximum.
     */
    public record ClockDrop(int agentRuns, int percent) {
    }

    /** One CPU cluster (a cpufreq policy): its cores and their maximum clock in kHz. */
    public record Cluster(List<Integer> cpus, long maxKHz) {
    }

    /**
     * Fault switches. pushFails: every sync SEND answers FAIL (read-only storage);
     * appProcessExitCode: app_process exits at once with this code; agentCrashAfterKernels: the
     * agent dies (exit 134) after measuring this many kernels in one run.
     */
    public record Faults(Boolean pushFails, Integer appProcessExitCode, Integer agentCrashAfterKernels) {
    }

    public DeviceDescription {
        model = model == null ? "edgenas-sim" : model;
        board = board == null ? "edgenas-sim" : board;
        abi = abi == null ? "arm64-v8a" : abi;
        sdk = sdk == null ? 33 : sdk;
        release = release == null ? "13" : release;
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        thermalStatus = thermalStatus == null ? 0 : thermalStatus;
        coolDownAfterReads = coolDownAfterReads == null ? 0 : coolDownAfterReads;
        faults = faults == null ? new Faults(false, null, null) : faults;
    }

    /** A phone with 4 little cores at 1.8 GHz and 4 big cores at 2.4 GHz, no faults. */
    public static DeviceDescription typical() {
        return new DeviceDescription(null, null, null, null, null,
                List.of(new Cluster(List.of(0, 1, 2, 3), 1_800_000), new Cluster(List.of(4, 5, 6, 7), 2_400_000)),
                null, null, null, null, null);
    }

    public DeviceDescription withFaults(Faults f) {
        return new DeviceDescription(model, board, abi, sdk, release, clusters, thermalStatus, coolDownAfterReads, f,
                vendor, clockDrop);
    }

    public DeviceDescription withThermal(int status, int coolDownAfter) {
        return new DeviceDescription(model, board, abi, sdk, release, clusters, status, coolDownAfter, faults, vendor,
                clockDrop);
    }

    /** The same phone running the agent as ART would: java.vendor "The Android Project", this ABI. */
    public DeviceDescription asAndroidVendor(String newAbi) {
        return new DeviceDescription(model, board, newAbi, sdk, release, clusters, thermalStatus, coolDownAfterReads,
                faults, ANDROID_VENDOR, clockDrop);
    }

    public DeviceDescription withClockDrop(int agentRuns, int percent) {
        return new DeviceDescription(model, board, abi, sdk, release, clusters, thermalStatus, coolDownAfterReads,
                faults, vendor, new ClockDrop(agentRuns, percent));
    }

    public static DeviceDescription read(Path file) {
        DeviceDescription d = Json.readFile(file, DeviceDescription.class);
        d.validate(file);
        return d;
    }

    /** Checks what JSON mapping cannot: at least one cluster, each CPU in one cluster only. */
    public void validate(Path file) {
        if (clusters.isEmpty()) {
            throw BadInputException.at(file, "clusters", "at least one CPU cluster is required");
        }
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < clusters.size(); i++) {
            Cluster c = clusters.get(i);
            if (c.cpus() == null || c.cpus().isEmpty()) {
                throw BadInputException.at(file, "clusters[" + i + "].cpus", "must list at least one CPU");
            }
            if (c.maxKHz() <= 0) {
                throw BadInputException.at(file, "clusters[" + i + "].maxKHz", "must be positive");
            }
            for (int cpu : c.cpus()) {
                if (cpu < 0 || cpu > 63 || !seen.add(cpu)) {
                    throw BadInputException.at(file, "clusters[" + i + "].cpus", "CPU " + cpu + " is out of range or repeated");
                }
            }
        }
        if (clockDrop != null && (clockDrop.agentRuns() < 0 || clockDrop.percent() < 1 || clockDrop.percent() > 100)) {
            throw BadInputException.at(file, "clockDrop", "agentRuns must be 0 or more and percent 1..100");
        }
        if (thermalStatus < 0 || thermalStatus > 6) {
            throw BadInputException.at(file, "thermalStatus", "must be 0..6, got " + thermalStatus);
        }
    }

    long allCpusMask() {
        long m = 0;
        for (Cluster c : clusters) {
            for (int cpu : c.cpus()) {
                m |= 1L << cpu;
            }
        }
        return m;
    }
}
