package dev.edgenas.search;

import java.util.List;

/**
 * Everything measured about one candidate: one journal line.
 *
 * @param genome    canonical genome key
 * @param miou      proxy mIoU on the validation subset (BN recalibrated unless switched off)
 * @param latencyMs predicted latency per latency table, in the order the tables were given
 * @param macs      multiply-accumulates at batch 1
 * @param params    parameters
 * @param seconds   wall time of the evaluation
 * @param memory    the GAP8 memory plan under the search's --memory-budget, or null without one (a candidate that
 *                  does not fit is not scored for mIoU: miou 0)
 */
public record CandidateScore(String genome, double miou, List<Double> latencyMs, long macs, long params,
                             double seconds, MemoryFit memory) {
    public CandidateScore {
        latencyMs = List.copyOf(latencyMs);
    }

    public CandidateScore(String genome, double miou, List<Double> latencyMs, long macs, long params, double seconds) {
        this(genome, miou, latencyMs, macs, params, seconds, null);
    }

    /** False only for a candidate whose memory plan does not fit the budget. */
    public boolean fitsMemory() {
        return memory == null || memory.fits();
    }
}
