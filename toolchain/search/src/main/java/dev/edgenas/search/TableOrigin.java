package dev.edgenas.search;

import dev.edgenas.latency.HostIdentity;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.TableFit;
import dev.edgenas.latency.TableProvenance;
import dev.edgenas.runtime.OrtEnv;

/** The report's words on where a table's figures come from: this host, another machine, or another device. */
final class TableOrigin {
    private TableOrigin() {
    }

    static String of(LatencyTable table) {
        TableProvenance p = table.provenance();
        HostIdentity host = HostIdentity.current(OrtEnv.get().getVersion());
        String settings = String.format("%d thread(s), %s%s, profiled %s", p.threads(),
                p.optLevel() == null ? "" : p.optLevel() + ", ", p.precision(), p.createdAt());
        if (host.describes(p)) {
            return "profiled on this host (" + host.describe() + "; " + settings + ")";
        }
        if (HostIdentity.isCpuTable(p)) {
            return "profiled on ANOTHER machine (" + String.join("; ", host.differences(p)) + "; "
                    + settings + "): its figures are not this host's";
        }
        String source = TableFit.latencySource(p);
        return "device " + p.deviceId() + " (" + p.deviceDescription() + (p.simulated() ? ", SIMULATED" : "") + "; "
                + settings + ")" + (source == null ? "" : "; latencies: " + source);
    }
}
