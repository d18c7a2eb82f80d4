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
 */
public record CandidateScore(String genome, double miou, List<Double> latencyMs, long macs, long params,
                             double seconds) {
    public CandidateScore {
        latencyMs = List.copyOf(latencyMs);
    }
}
