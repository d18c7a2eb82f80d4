package dev.edgenas.android;

import java.util.List;

/**
 * The clocks of the pinned cores around one kernel round, against their cluster's maximum
 * (cpuinfo_max_freq). Vendor thermal engines cap scaling_max_freq without changing Android's
 * thermal status, so a round can be throttled while the status reads 0; this is how it shows.
 *
 * @param known     at least one pinned core's clock was readable
 * @param belowMax  some pinned core read below its cluster's maximum before or after the round
 * @param cpu       the pinned core with the lowest share of its maximum (-1 when unknown)
 * @param lowestKHz its lowest reading
 * @param maxKHz    its cluster's maximum
 */
public record ClockReading(boolean known, boolean belowMax, int cpu, long lowestKHz, long maxKHz) {
    /**
     * @param cpuOrder the CPU ids the agent's clock arrays are in (its header's "cpus"); null: 0, 1, ...
     */
    public static ClockReading of(KernelSample k, List<Integer> cpuOrder, AndroidDeviceFacts facts, long mask) {
        boolean known = false;
        int worstCpu = -1;
        long worstKHz = -1;
        long worstMax = -1;
        double worstShare = Double.MAX_VALUE;
        for (CpuCluster c : facts.clusters()) {
            if (c.maxKHz() <= 0) {
                continue; // maximum unknown (no cpufreq): nothing to compare with
            }
            for (int cpu : c.cpus()) {
                if ((mask & (1L << cpu)) == 0) {
                    continue;
                }
                int i = cpuOrder == null ? cpu : cpuOrder.indexOf(cpu);
                for (List<Long> readings : List.of(k.freqBeforeKHz(), k.freqAfterKHz())) {
                    long khz = i >= 0 && i < readings.size() ? readings.get(i) : -1;
                    if (khz <= 0) {
                        continue; // offline core or unreadable file
                    }
                    known = true;
                    double share = (double) khz / c.maxKHz();
                    if (share < worstShare) {
                        worstShare = share;
                        worstCpu = cpu;
                        worstKHz = khz;
                        worstMax = c.maxKHz();
                    }
                }
            }
        }
        return new ClockReading(known, known && worstKHz < worstMax, worstCpu, worstKHz, worstMax);
    }

    /** "cpu4 at 1200 MHz of 2400 MHz". */
    public String describe() {
        return known ? "cpu" + cpu + " at " + lowestKHz / 1000 + " MHz of " + maxKHz / 1000 + " MHz" : "clock unknown";
    }
}
