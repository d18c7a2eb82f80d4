package dev.edgenas.profile;

import dev.edgenas.core.Provenance;
import dev.edgenas.latency.TableProvenance;
import java.util.TreeMap;

/** Table provenance from a backend's device facts and this process's tool provenance. */
final class Provenances {
    private Provenances() {
    }

    static TableProvenance of(DeviceFacts f, String precision) {
        Provenance p = Provenance.now();
        return new TableProvenance(f.deviceId(), f.description(), f.platform(), f.simulated(), f.cpuModel(),
                f.cores(), f.governor(), f.cpuMhz(), f.clocksHz(), f.runtime(), f.runtimeVersion(), f.threads(),
                f.optLevel(), precision, p.createdAt(), p.version(), p.gitCommit(), p.commandLine(),
                new TreeMap<>(p.host()), f.extra().isEmpty() ? null : new TreeMap<>(f.extra()));
    }

    /** The same provenance with these facts (null or empty: none). */
    static TableProvenance withFacts(TableProvenance t, java.util.Map<String, String> facts) {
        return new TableProvenance(t.deviceId(), t.deviceDescription(), t.platform(), t.simulated(), t.cpuModel(),
                t.cores(), t.governor(), t.cpuMhz(), t.clocksHz(), t.runtime(), t.runtimeVersion(), t.threads(),
                t.optLevel(), t.precision(), t.createdAt(), t.edgenasVersion(), t.gitCommit(), t.commandLine(), t.host(),
                facts == null || facts.isEmpty() ? null : new TreeMap<>(facts));
    }
}
