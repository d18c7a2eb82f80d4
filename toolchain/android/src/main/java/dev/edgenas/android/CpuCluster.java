package dev.edgenas.android;

import java.util.List;

/** One cpufreq policy of a phone: the CPUs that share a clock and its maximum in kHz. */
public record CpuCluster(int policy, List<Integer> cpus, long maxKHz) {
    public CpuCluster {
        cpus = List.copyOf(cpus);
    }

    /** The taskset mask selecting exactly this cluster's CPUs. */
    public long mask() {
        long m = 0;
        for (int c : cpus) {
            m |= 1L << c;
        }
        return m;
    }
}
