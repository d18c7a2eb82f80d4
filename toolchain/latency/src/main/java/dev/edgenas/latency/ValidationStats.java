package dev.edgenas.latency;

import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * How well a table predicts measured end-to-end latency over a set of networks.
 *
 * @param samples    networks compared
 * @param within5    share with |predicted/measured - 1| <= 5%
 * @param within10   share within 10%
 * @param rmspe      root mean squared percentage error (as a fraction)
 * @param meanError  mean signed relative error (positive = the table over-predicts)
 * @param spearman   rank correlation of predicted and measured latency
 * @param worst      the cases with the largest relative error, worst first
 */
public record ValidationStats(int samples, double within5, double within10, double rmspe, double meanError,
                              double spearman, List<Case> worst) {

    /**
     * One compared network.
     *
     * @param name           e.g. subnet index or model file
     * @param predictedMs    table prediction
     * @param measuredMs     median of the end-to-end runs
     * @param measuredCiRel  relative CI of that median
     * @param estimatedKernels kernels the table lacked
     */
    public record Case(String name, double predictedMs, double measuredMs, double measuredCiRel, int estimatedKernels) {
        public double relativeError() {
            return predictedMs / measuredMs - 1;
        }
    }

    public static ValidationStats of(List<Case> cases, int worstCount) {
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("no validation cases");
        }
        int n = cases.size();
        double w5 = 0;
        double w10 = 0;
        double sq = 0;
        double bias = 0;
        double[] p = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            double e = cases.get(i).relativeError();
            w5 += Math.abs(e) <= 0.05 ? 1 : 0;
            w10 += Math.abs(e) <= 0.10 ? 1 : 0;
            sq += e * e;
            bias += e;
            p[i] = cases.get(i).predictedMs();
            m[i] = cases.get(i).measuredMs();
        }
        double rho = n < 3 ? Double.NaN : new SpearmansCorrelation().correlation(p, m);
        List<Case> worst = cases.stream().sorted(Comparator.comparingDouble((Case c) -> -Math.abs(c.relativeError())))
                .limit(worstCount).toList();
        return new ValidationStats(n, w5 / n, w10 / n, Math.sqrt(sq / n), bias / n, rho, worst);
    }
}
