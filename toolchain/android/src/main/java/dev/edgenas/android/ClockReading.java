package dev.edgenas.android;

import java.util.List;

/**
 * The clocks of the pinned cores around one kernel round, against their cluster's maximum
 * (cpuinfo_max_freq). Vendor thermal engines cap scaling_max_freq without changing Android's
 * thermal status, so a round can be throttled while the status reads 0; this is how it shows.
 *
 * <p>The cores of one cluster (cpufreq policy) share a clock, so a cluster's clock is the highest
 * reading of its pinned cores, and a round's is the lower of the readings after warm-up and after the
 * timed runs. When the mask spans clusters, the cluster running fastest is judged: the others may
 * simply be idle (an idle cluster sits at its lowest clock), which says nothing about throttling.
 *
 * @param known     at least one pinned core's clock was readable
 * @param belowMax  even the fastest pinned cluster read below its maximum before or after the round
 * @param cpu       a core of that cluster that showed its clock (-1 when unknown)
 * @param lowestKHz that cluster's lower reading
 * @param maxKHz    its maximum
 */
public record ClockReading(boolean known, boolean belowMax, int cpu, long lowestKHz, long maxKHz) {
    /**
     * @param cpuOrder the CPU ids the agent's clock arrays are in (its header's "cpus"); null: 0, 1, ...
     */
    public static ClockReading of(KernelSample k, List<Integer> cpuOrder, AndroidDeviceFacts facts, long mask) {
        ClockReading best = new ClockReading(false, false, -1, -1, -1);
        double bestShare = -1;
        for (CpuCluster c : facts.clusters()) {
            if (c.maxKHz() <= 0) {
                continue; // maximum unknown (no cpufreq): nothing to compare with
            }
            long low = Long.MAX_VALUE;
            int lowCpu = -1;
            for (List<Long> readings : List.of(k.freqBeforeKHz(), k.freqAfterKHz())) {
                long high = -1;
                int highCpu = -1;
                for (int cpu : c.cpus()) {
                    int i = cpuOrder == null ? cpu : cpuOrder.indexOf(cpu);
                    long khz = (mask & (1L << cpu)) != 0 && i >= 0 && i < readings.size() ? readings.get(i) : -1;
                    if (khz > high) {
                        high = khz;
                        highCpu = cpu;
                    }
                }
                if (high > 0 && high < low) { // -1: offline core or unreadable file
                    low = high;
                    lowCpu = highCpu;
                }
            }
            if (lowCpu >= 0 && (double) low / c.maxKHz() > bestShare) {
                bestShare = (double) low / c.maxKHz();
                best = new ClockReading(true, low < c.maxKHz(), lowCpu, low, c.maxKHz());
            }
        }
        return best;
    }

    /** "cpu4 at 1200 MHz of 2400 MHz". */
    public String describe() {
        return known ? "cpu" + cpu + " at " + lowestKHz / 1000 + " MHz of " + maxKHz / 1000 + " MHz" : "clock unknown";
    }
}
