package dev.edgenas.profile;

import dev.edgenas.core.Provenance;
import dev.edgenas.latency.MeasurementPolicy;
import dev.edgenas.latency.ValidationStats;
import java.util.List;
import java.util.Map;

/**
 * What {@code edgenas table validate} found: predicted vs measured end-to-end latency of sampled
 * networks, and the conditions of the measurement.
 *
 * @param table       table file
 * @param tableDevice device id, threads, precision and creation time of the table
 * @param networks    where the networks came from (space source, seed)
 * @param conditions  load average before/after, CPU, threads, optimisation level
 * @param measurement stopping rule of the end-to-end measurements
 * @param stats       within 5/10 %, RMSPE, bias, Spearman, worst cases (the raw kernel sum)
 * @param calibrated  the same figures for the table's calibrated prediction, or null (no calibration)
 * @param reference   the reference workload measured again: machine-state factor and the figures without it, or null
 * @param cases       every network, in sampling order
 * @param provenance  tool provenance of this report
 */
public record ValidationReport(String table, Map<String, String> tableDevice, Map<String, String> networks,
                               Map<String, String> conditions, MeasurementPolicy measurement, ValidationStats stats,
                               ValidationStats calibrated, ReferenceCheck reference, List<ValidationStats.Case> cases,
                               Provenance provenance) {
    /**
     * The table's reference workload measured when it was profiled and again around this validation.
     *
     * @param thenMs             total when profiled
     * @param nowMs              total now (mean of before and after the networks)
     * @param factor             now / then: above 1 when the machine is slower now than when profiled
     * @param adjusted           raw figures with measured latency divided by the factor
     * @param calibratedAdjusted calibrated figures so adjusted, or null
     */
    public record ReferenceCheck(double thenMs, double nowMs, double factor, ValidationStats adjusted,
                                 ValidationStats calibratedAdjusted) {
    }

    private static void row(StringBuilder sb, String what, ValidationStats s) {
        sb.append(String.format("- %s: %.1f %% within +-5 %%, %.1f %% within +-10 %%, RMSPE %.2f %%, bias %+.2f %%, "
                + "Spearman %.4f%n", what, 100 * s.within5(), 100 * s.within10(), 100 * s.rmspe(), 100 * s.meanError(),
                s.spearman()));
    }

    /** Markdown rendering for humans (the .md beside the .json). */
    public String markdown() {
        StringBuilder sb = new StringBuilder("# Latency table validation\n\n");
        sb.append("Table `").append(table).append("`: ").append(tableDevice).append("\n\n");
        sb.append("Networks: ").append(networks).append("\n\n");
        sb.append("Conditions: ").append(conditions).append("\n\n");
        sb.append("| figure | value |\n|---|---|\n");
        sb.append(String.format("| networks | %d |%n", stats.samples()));
        sb.append(String.format("| within +-5%% | %.1f %% |%n", 100 * stats.within5()));
        sb.append(String.format("| within +-10%% | %.1f %% |%n", 100 * stats.within10()));
        sb.append(String.format("| RMSPE | %.2f %% |%n", 100 * stats.rmspe()));
        sb.append(String.format("| mean error (bias) | %+.2f %% |%n", 100 * stats.meanError()));
        sb.append(String.format("| Spearman rank correlation | %.4f |%n", stats.spearman()));
        if (calibrated != null) {
            sb.append("\nCalibrated (the table's whole-network calibration, on networks it was not fitted on):\n\n");
            row(sb, "calibrated", calibrated);
        }
        if (reference != null) {
            sb.append(String.format("%nMachine state: the reference workload took %.4f ms now vs %.4f ms when profiled "
                    + "(factor %.3f); figures with measured latency divided by it:%n%n", reference.nowMs(),
                    reference.thenMs(), reference.factor()));
            row(sb, "raw, state-adjusted", reference.adjusted());
            if (reference.calibratedAdjusted() != null) {
                row(sb, "calibrated, state-adjusted", reference.calibratedAdjusted());
            }
        }
        sb.append("\n## Worst cases\n\n| network | predicted ms | measured ms | error | measured CI | estimated kernels |\n"
                + "|---|---|---|---|---|---|\n");
        for (ValidationStats.Case c : stats.worst()) {
            sb.append(String.format("| %s | %.3f | %.3f | %+.1f %% | +-%.1f %% | %d |%n", c.name(), c.predictedMs(),
                    c.measuredMs(), 100 * c.relativeError(), 100 * c.measuredCiRel(), c.estimatedKernels()));
        }
        sb.append("\nMeasured: ").append(conditions.getOrDefault("measured", "median of end-to-end ONNX Runtime runs "
                + "(same session settings as the table), rounds interleaved across networks"))
                .append("; predicted: `edgenas table predict` on the same model.\n");
        return sb.toString();
    }
}
