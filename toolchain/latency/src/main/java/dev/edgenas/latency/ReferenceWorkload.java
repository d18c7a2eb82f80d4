package dev.edgenas.latency;

import java.util.List;

/**
 * A short, fixed workload measured when a table is profiled and again whenever the table is checked: the ratio of
 * the two is the machine-state factor (load, clocks, thermals) at the time of the check, reported apart from the
 * table's own error so that a slower hour on a shared machine is not mistaken for a wrong table.
 *
 * @param keys      what the workload runs (for a CPU table: one fixed network, end to end)
 * @param totalMs   sum of their median latencies (ms) as measured then
 * @param measuredAt UTC ISO-8601 time of that measurement
 * @param loadAverage load averages at that time
 */
public record ReferenceWorkload(List<String> keys, double totalMs, String measuredAt, String loadAverage) {
    /** Now-measured over then-measured total: above 1 when the machine is slower now. */
    public double factor(double nowMs) {
        return nowMs / totalMs;
    }
}
