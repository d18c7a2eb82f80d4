package dev.edgenas.latency.compare;

import java.util.List;

/**
 * Drift statistics over the entries both tables hold.
 *
 * @param shared        keys in both tables
 * @param compared      shared keys above the noise floor in at least one table
 * @param belowFloor    shared keys below the noise floor in both tables (not compared)
 * @param medianRatio   median of B/A over the compared entries (NaN when none)
 * @param p10Ratio      10th percentile of B/A
 * @param p90Ratio      90th percentile of B/A
 * @param p90Change     90th percentile of the size of the change, max(r, 1/r) - 1
 * @param drifted       compared entries beyond the threshold and their noise
 * @param shareDrifted  drifted / compared (0 when none compared)
 * @param added         keys only in B
 * @param missing       keys only in A
 * @param overheadRatio B/A of the per-run overhead (empty-graph run)
 * @param exceeded      the tables drifted: the median ratio is beyond the threshold, or the share of
 *                      drifted entries exceeds the allowed share (with at least TableDiff.MIN_DRIFTED drifted)
 * @param reasons       why exceeded is true (empty otherwise)
 */
public record DriftSummary(int shared, int compared, int belowFloor, double medianRatio, double p10Ratio,
                           double p90Ratio, double p90Change, int drifted, double shareDrifted, int added,
                           int missing, double overheadRatio, boolean exceeded, List<String> reasons) {
}
