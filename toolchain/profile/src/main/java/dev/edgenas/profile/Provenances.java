package dev.edgenas.profile;

import dev.edgenas.core.Provenance;
import dev.edgenas.latency.TableProvenance;
import java.util.TreeMap;

/** Table provenance from a backend's device facts and this run's nested provenance. */
final class Provenances {
    private Provenances() {
    }

    /** The table's flat device fields, its tool fields taken from {@code origin} (one record, two views). */
    static TableProvenance of(DeviceFacts f, String precision, Provenance origin) {
        Provenance.Run r = origin.run();
        return new TableProvenance(f.deviceId(), f.description(), f.platform(), f.simulated(), f.cpuModel(),
                f.cores(), f.governor(), f.cpuMhz(), f.clocksHz(), f.runtime(), f.runtimeVersion(), f.threads(),
                f.optLevel(), precision, r.createdAt(), origin.tool().version(), Provenance.currentGitCommit(),
                r.commandLine(), new TreeMap<>(r.host()), f.extra().isEmpty() ? null : new TreeMap<>(f.extra()), origin);
    }
}
