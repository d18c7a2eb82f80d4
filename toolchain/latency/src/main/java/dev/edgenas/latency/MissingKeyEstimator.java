package dev.edgenas.latency;

import dev.edgenas.ir.KernelKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Estimates the latency of a key the table lacks from the table's own entries: ordinary least squares
 * of a kernel's own latency (LatencyTable.netMs) on MACs and bytes moved, fitted per kernel type.
 * The fit minimises relative error (each row divided by its latency), because kernels span three
 * orders of magnitude and an absolute fit would ignore the small ones.
 *
 * <p>Kernel type is tried from specific to general: op and kernel size (a 1x1 conv runs at a different
 * MAC rate than a 3x3), then op, then all entries. A group needs more rows than coefficients plus one;
 * a group too small for a fit, or a fit that predicts a non-positive time, falls back to the median
 * latency per byte of the group.
 *
 * <p>Whatever the fit says, the estimate is then kept within what the table's measured neighbours allow: among
 * entries of the same op and kernel size, one with no more MACs and no more bytes is a lower bound, one with no
 * fewer MACs and no fewer bytes an upper bound (latency is monotone in work and traffic for one kernel kind). A
 * fit over a group spanning three orders of magnitude can otherwise be absurd at its edges: on a PyTorch-exported
 * DeepLabV3+ a 4x4 dilated 3x3 conv was estimated at 6x the measured time of its 8x8 versions with four times the
 * MACs. Where noisy neighbours contradict each other (lower bound above upper), the estimate stays between the two.
 */
final class MissingKeyEstimator {
    /**
     * An estimate and how it was made (e.g. "ols:conv/k=3x3", "per-byte:add", "+bounded" when the neighbours
     * moved it).
     *
     * @param ms     the estimate
     * @param method fit and bounding
     * @param rawMs  what the fit alone said
     */
    record Estimate(double ms, String method, double rawMs) {
    }

    private record Row(double[] x, double y) {
    }

    private final Map<String, List<Row>> groups = new HashMap<>();
    /** Fits built on first use, from the search's scoring threads at once: a concurrent map. */
    private final Map<String, double[]> fits = new java.util.concurrent.ConcurrentHashMap<>();

    MissingKeyEstimator(LatencyTable table) {
        table.entries().forEach((key, e) -> {
            KernelKey k = KernelKey.parse(key);
            double y = Math.max(table.netMs(e), 1e-6);
            Row r = new Row(features(KernelCost.of(k)), y);
            for (String g : groupNames(k)) {
                groups.computeIfAbsent(g, x -> new ArrayList<>()).add(r);
            }
        });
    }

    Estimate estimate(KernelKey k) {
        double[] x = features(KernelCost.of(k));
        Estimate raw = fitted(k, x);
        double[] bounds = bounds(groupNames(k).get(0), x);
        double ms = raw.ms();
        if (bounds[0] > bounds[1]) { // noisy neighbours contradict each other: stay between the two
            ms = Math.min(Math.max(ms, bounds[1]), bounds[0]);
        } else {
            ms = Math.min(Math.max(ms, bounds[0]), bounds[1]);
        }
        return new Estimate(ms, ms == raw.ms() ? raw.method() : raw.method() + "+bounded", raw.ms());
    }

    /**
     * [lower, upper]: the slowest measured entry of the group that does no more work and moves no more bytes, and the
     * fastest that does no less of both; 0 and infinity where there is none.
     */
    private double[] bounds(String group, double[] x) {
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        for (Row r : groups.getOrDefault(group, List.of())) {
            if (r.x()[1] <= x[1] && r.x()[2] <= x[2]) {
                lo = Math.max(lo, r.y());
            }
            if (r.x()[1] >= x[1] && r.x()[2] >= x[2]) {
                hi = Math.min(hi, r.y());
            }
        }
        return new double[] {lo, hi};
    }

    private Estimate fitted(KernelKey k, double[] x) {
        for (String g : groupNames(k)) {
            List<Row> rows = groups.get(g);
            if (rows == null) {
                continue;
            }
            double[] beta = fits.computeIfAbsent(g, n -> fit(rows));
            if (beta.length > 0) {
                double ms = beta[0] + beta[1] * x[1] + beta[2] * x[2];
                if (ms > 0) {
                    return new Estimate(ms, "ols:" + g, ms);
                }
            }
            double ms = perByte(rows) * x[2];
            return new Estimate(ms, "per-byte:" + g, ms);
        }
        throw new IllegalStateException("the latency table has no entries to estimate " + k + " from");
    }

    /** Groups from specific to general. */
    private static List<String> groupNames(KernelKey k) {
        String kernel = k.params().get("k");
        return kernel == null ? List.of(k.op(), "*") : List.of(k.op() + "/k=" + kernel, k.op(), "*");
    }

    private static double[] features(KernelCost c) {
        return new double[] {1, c.macs(), c.bytes()};
    }

    /** Relative-error OLS without the columns that do not vary (MACs of non-convolutions); empty if it cannot fit. */
    private static double[] fit(List<Row> rows) {
        List<Integer> cols = new ArrayList<>(List.of(0));
        for (int c = 1; c < 3; c++) {
            double first = rows.get(0).x()[c];
            final int col = c;
            if (rows.stream().anyMatch(r -> r.x()[col] != first)) {
                cols.add(c);
            }
        }
        if (rows.size() < cols.size() + 2) {
            return new double[0];
        }
        double[][] x = new double[rows.size()][cols.size()];
        double[] y = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            for (int j = 0; j < cols.size(); j++) {
                x[i][j] = r.x()[cols.get(j)] / r.y();
            }
            y[i] = 1;
        }
        double[] scale = new double[cols.size()];
        for (int j = 0; j < cols.size(); j++) {
            for (double[] row : x) {
                scale[j] = Math.max(scale[j], Math.abs(row[j]));
            }
            for (double[] row : x) {
                row[j] /= scale[j]; // columns of MACs and bytes differ by 1e6: keep the QR well conditioned
            }
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.setNoIntercept(true);
        try {
            ols.newSampleData(y, x);
            double[] b = ols.estimateRegressionParameters();
            double[] beta = new double[3];
            for (int j = 0; j < cols.size(); j++) {
                beta[cols.get(j)] = b[j] / scale[j];
            }
            return beta;
        } catch (IllegalArgumentException e) { // SingularMatrixException, or too few rows
            return new double[0];
        }
    }

    private static double perByte(List<Row> rows) {
        double[] r = rows.stream().mapToDouble(row -> row.y() / Math.max(1, row.x()[2])).sorted().toArray();
        return SampleStats.median(r);
    }
}
