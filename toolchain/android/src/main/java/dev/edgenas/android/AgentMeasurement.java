package dev.edgenas.android;

import java.util.ArrayList;
import java.util.List;

/** All samples of one kernel over every round (in round order), with each round's own record. */
public record AgentMeasurement(String key, List<Long> samplesNs, List<KernelSample> rounds) {
    public AgentMeasurement {
        samplesNs = List.copyOf(samplesNs);
        rounds = List.copyOf(rounds);
    }

    static AgentMeasurement of(String key, List<KernelSample> rounds) {
        List<Long> all = new ArrayList<>();
        rounds.forEach(r -> all.addAll(r.samplesNs()));
        return new AgentMeasurement(key, all, rounds);
    }
}
