package dev.edgenas.latency;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Statistics of one table entry's samples, in the table's time unit (ms).
 *
 * @param count  timed samples
 * @param median the figure prediction uses
 * @param mean   arithmetic mean
 * @param std    sample standard deviation
 * @param p10    10th percentile
 * @param p90    90th percentile
 * @param mad    median absolute deviation (unscaled)
 * @param ciRel  half-width of the confidence interval of the median, relative to the median
 * @param capped the time or sample cap stopped measuring before ciRel reached the target
 * @param cycles the same figures in cycles, for devices that count cycles (GAP8); else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableEntry(int count, double median, double mean, double std, double p10, double p90, double mad,
                         double ciRel, boolean capped, CycleStats cycles) {

    /** Cycle counts of a cycle-counting device (GAP8); time figures are cycles / clock. */
    public record CycleStats(double median, double mean, double p10, double p90) {
    }

    public TableEntry withCycles(CycleStats c) {
        return new TableEntry(count, median, mean, std, p10, p90, mad, ciRel, capped, c);
    }
}
