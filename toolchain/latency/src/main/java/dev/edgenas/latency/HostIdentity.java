package dev.edgenas.latency;

import dev.edgenas.core.HostInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What identifies this host's CPU as a latency device: CPU model, core count and the ONNX Runtime version
 * (threads, optimisation level and precision are settings of a table, not of the machine). A desktop-CPU table
 * whose provenance differs in any of these describes another machine: its figures must not be read as this
 * host's (a table of an AMD EPYC predicted half the latency measured on an Intel Xeon of the same core count).
 *
 * @param cpuModel       CPU model as /proc/cpuinfo names it
 * @param cores          cores available to this process
 * @param runtimeVersion ONNX Runtime version of this build
 */
public record HostIdentity(String cpuModel, int cores, String runtimeVersion) {

    /** This host, with the ONNX Runtime version the caller has loaded. */
    public static HostIdentity current(String runtimeVersion) {
        return new HostIdentity(HostInfo.cpuModel(), Runtime.getRuntime().availableProcessors(), runtimeVersion);
    }

    /** True for a desktop-CPU table measured on real hardware (Android and GAP8 tables describe their own device). */
    public static boolean isCpuTable(TableProvenance p) {
        return "desktop-cpu".equals(p.platform()) && !p.simulated();
    }

    /** Whether a desktop-CPU table was profiled on a machine like this one; false for other devices' tables. */
    public boolean describes(TableProvenance p) {
        return isCpuTable(p) && differences(p).isEmpty();
    }

    /** The fields in which a CPU table's device differs from this host ("CPU: table AMD EPYC, this host Intel Xeon"). */
    public List<String> differences(TableProvenance p) {
        List<String> d = new ArrayList<>();
        if (!Objects.equals(p.cpuModel(), cpuModel)) {
            d.add("CPU: table " + p.cpuModel() + ", this host " + cpuModel);
        }
        if (p.cores() != cores) {
            d.add("cores: table " + p.cores() + ", this host " + cores);
        }
        if (!Objects.equals(p.runtimeVersion(), runtimeVersion)) {
            d.add("ONNX Runtime: table " + p.runtimeVersion() + ", this host " + runtimeVersion);
        }
        return d;
    }

    /**
     * The one line a command prints when given a CPU table that does not describe this host; empty when the table
     * describes it or belongs to another kind of device.
     */
    public Optional<String> warning(String tableName, TableProvenance p) {
        if (!isCpuTable(p) || describes(p)) {
            return Optional.empty();
        }
        return Optional.of(String.format("note: %s was profiled on another machine (%s): its "
                + "figures are that machine's, not this host's; profile this host with 'edgenas profile --device cpu "
                + "--threads %d'", tableName, String.join("; ", differences(p)), Math.max(1, p.threads())));
    }

    /** "Intel(R) Xeon(R) Processor, 2 cores, ONNX Runtime 1.29.0". */
    public String describe() {
        return cpuModel + ", " + cores + " cores, ONNX Runtime " + runtimeVersion;
    }

    /**
     * A file name for this host's table under given settings, stable across runs, so that a cache lookup is a
     * file test: cpu-intel-r-xeon-r-processor-2c-ort1.29.0-t1-all_opt-fp32.json.
     */
    public String tableFileName(int threads, String optLevel, String precision) {
        String cpu = cpuModel.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return String.format("cpu-%s-%dc-ort%s-t%d-%s-%s.json", cpu, cores, runtimeVersion, threads,
                optLevel.toLowerCase(Locale.ROOT), precision);
    }
}
