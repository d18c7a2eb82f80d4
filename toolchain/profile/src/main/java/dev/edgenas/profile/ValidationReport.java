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
 * @param stats       within 5/10 %, RMSPE, bias, Spearman, worst cases
 * @param cases       every network, in sampling order
 * @param provenance  tool provenance of this report
 */
public record ValidationReport(String table, Map<String, String> tableDevice, Map<String, String> networks,
                               Map<String, String> conditions, MeasurementPolicy measurement, ValidationStats stats,
                               List<ValidationStats.Case> cases, Provenance provenance) {

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
        sb.append("\n## Worst cases\n\n| network | predicted ms | measured ms | error | measured CI | estimated kernels |\n"
                + "|---|---|---|---|---|---|\n");
        for (ValidationStats.Case c : stats.worst()) {
            sb.append(String.format("| %s | %.3f | %.3f | %+.1f %% | +-%.1f %% | %d |%n", c.name(), c.predictedMs(),
                    c.measuredMs(), 100 * c.relativeError(), 100 * c.measuredCiRel(), c.estimatedKernels()));
        }
        sb.append("\nMeasured: median of end-to-end ONNX Runtime runs (same session settings as the table), "
                + "rounds interleaved across networks; predicted: `edgenas table predict` on the same model.\n");
        return sb.toString();
    }
}
