package dev.edgenas.android;

import java.util.ArrayList;
import java.util.List;

/** All samples of one kernel over every round (in round order), with each round's own record. */
public record KernelMeasurement(String key, List<Long> samplesNs, List<KernelSample> rounds) {
    public KernelMeasurement {
        samplesNs = List.copyOf(samplesNs);
        rounds = List.copyOf(rounds);
    }

    static KernelMeasurement of(String key, List<KernelSample> rounds) {
        List<Long> all = new ArrayList<>();
        rounds.forEach(r -> all.addAll(r.samplesNs()));
        return new KernelMeasurement(key, all, rounds);
    }
}
