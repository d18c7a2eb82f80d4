package dev.edgenas.latency;

import dev.edgenas.ir.KernelKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A correction of a table's kernel sum fitted on whole networks measured end to end: calibrated latency =
 * sum of coefficient x term, with the terms {@link #TERMS}: a per-network constant, a per-kernel constant, and one
 * factor per kernel class on the class's summed table latency. Fitted by non-negative least squares on relative
 * error (each network's row divided by its measured latency), so that every coefficient reads as a cost or a
 * factor and none can turn negative on networks unlike those measured. Stored in the table with its residuals and
 * the networks it saw, so that validation can keep to networks it did not see.
 *
 * <p>Three forms are fitted, and the one with the lowest leave-one-out RMSPE is kept (the simpler on a tie within
 * 0.2 points): {@code scale} (one factor on the kernel sum), {@code constant+scale} (plus a per-network and a
 * per-kernel constant: dispatch and the layout reorders a table's kernels do not include) and {@code per-class}
 * (one factor per kernel class). Which one wins, and by how much, says what the error is made of on that machine.
 *
 * @param terms        term names, in coefficient order
 * @param coefficients one per term: ms for "run" and "kernels", factors for the kernel classes
 * @param form         the chosen form
 * @param cvRmspe      leave-one-out RMSPE of each form on the fitted networks
 * @param measurement  how the networks were measured (runtime, threads, stopping rule)
 * @param rmspeRaw     RMSPE of the raw kernel sum on the fitted networks
 * @param rmspeFit     RMSPE of the calibrated prediction on them (the fit residual)
 * @param networks     the networks fitted on, with raw, calibrated and measured latency
 */
public record Calibration(List<String> terms, double[] coefficients, String form, Map<String, Double> cvRmspe,
                          String measurement, double rmspeRaw, double rmspeFit, List<Network> networks) {
    /** Term names: per-network constant, per-kernel constant, then the kernel classes' summed latency. */
    public static final List<String> TERMS = List.of("run", "kernels", "conv1x1", "convKxK", "dwconv", "other");

    /**
     * A network the calibration was fitted on.
     *
     * @param name        genome key (or model name)
     * @param rawMs       the table's prediction
     * @param measuredMs  median of its end-to-end runs
     * @param fittedMs    the calibrated prediction
     */
    public record Network(String name, double rawMs, double measuredMs, double fittedMs) {
    }

    /** The class of a kernel key, one of the last four {@link #TERMS}. */
    static int kernelClass(String canonicalKey) {
        KernelKey k = KernelKey.parse(canonicalKey);
        if (k.op().equals("dwconv")) {
            return 4;
        }
        if (k.op().equals("conv")) {
            return "1x1".equals(k.params().get("k")) ? 2 : 3;
        }
        return 5;
    }

    /** The terms of one raw prediction (the per-run overhead goes into the constant). */
    public static double[] features(Prediction p) {
        double[] f = new double[TERMS.size()];
        f[0] = 1;
        f[1] = p.perKernel().size();
        for (KernelLatency k : p.perKernel()) {
            f[kernelClass(k.key())] += k.ms();
        }
        return f;
    }

    public double apply(Prediction p) {
        return dot(coefficients, features(p));
    }

    /** One measured network: its raw prediction and median measured latency. */
    public record Sample(String name, Prediction raw, double measuredMs) {
    }

    /** The forms, as the columns each fits: indexes into {@link #TERMS}, a group of indexes sharing one factor. */
    private static final Map<String, int[][]> FORMS = new LinkedHashMap<>();

    static {
        FORMS.put("scale", new int[][] {{2, 3, 4, 5}});
        FORMS.put("constant+scale", new int[][] {{0}, {1}, {2, 3, 4, 5}});
        FORMS.put("per-class", new int[][] {{0}, {1}, {2}, {3}, {4}, {5}});
    }

    /** Fits the correction on measured networks (at least as many as terms plus two). */
    public static Calibration fit(List<Sample> samples, String measurement) {
        int n = samples.size();
        if (n < TERMS.size() + 2) {
            throw new IllegalArgumentException("a calibration needs at least " + (TERMS.size() + 2) + " networks, got " + n);
        }
        double[][] f = new double[n][];
        for (int i = 0; i < n; i++) {
            f[i] = features(samples.get(i).raw());
        }
        Map<String, Double> cv = new LinkedHashMap<>();
        String best = null;
        for (Map.Entry<String, int[][]> form : FORMS.entrySet()) {
            double sq = 0;
            for (int out = 0; out < n; out++) {
                double[] c = fitForm(f, samples, form.getValue(), out);
                sq += Math.pow(dot(c, f[out]) / samples.get(out).measuredMs() - 1, 2);
            }
            cv.put(form.getKey(), Math.sqrt(sq / n));
            if (best == null || cv.get(form.getKey()) < cv.get(best) - 0.002) {
                best = form.getKey();
            }
        }
        double[] coef = fitForm(f, samples, FORMS.get(best), -1);
        List<Network> nets = new ArrayList<>();
        double sqRaw = 0;
        double sqFit = 0;
        for (int i = 0; i < n; i++) {
            Sample s = samples.get(i);
            double fitted = dot(coef, f[i]);
            nets.add(new Network(s.name(), s.raw().totalMs(), s.measuredMs(), fitted));
            sqRaw += Math.pow(s.raw().totalMs() / s.measuredMs() - 1, 2);
            sqFit += Math.pow(fitted / s.measuredMs() - 1, 2);
        }
        return new Calibration(TERMS, coef, best, cv, measurement, Math.sqrt(sqRaw / n), Math.sqrt(sqFit / n), nets);
    }

    private static double dot(double[] c, double[] f) {
        double s = 0;
        for (int i = 0; i < f.length; i++) {
            s += c[i] * f[i];
        }
        return s;
    }

    /** NNLS of one form on relative error, leaving out row {@code skip} (-1: none); coefficients over all terms. */
    private static double[] fitForm(double[][] f, List<Sample> samples, int[][] groups, int skip) {
        int rows = skip < 0 ? f.length : f.length - 1;
        double[][] a = new double[rows][groups.length];
        double[] b = new double[rows];
        double[] scale = new double[groups.length];
        int r = 0;
        for (int i = 0; i < f.length; i++) {
            if (i == skip) {
                continue;
            }
            for (int g = 0; g < groups.length; g++) {
                for (int t : groups[g]) {
                    a[r][g] += f[i][t];
                }
                a[r][g] /= samples.get(i).measuredMs();
                scale[g] = Math.max(scale[g], Math.abs(a[r][g]));
            }
            b[r++] = 1;
        }
        for (double[] row : a) {
            for (int g = 0; g < groups.length; g++) {
                row[g] = scale[g] == 0 ? 0 : row[g] / scale[g]; // comparable column units for the active set
            }
        }
        double[] x = Nnls.solve(a, b);
        double[] coef = new double[TERMS.size()];
        for (int g = 0; g < groups.length; g++) {
            for (int t : groups[g]) {
                coef[t] = scale[g] == 0 ? 0 : x[g] / scale[g];
            }
        }
        return coef;
    }

    /** "12.0 us/run + 3.1 us/kernel + 1.18 x conv1x1 + ..." */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < terms.size(); i++) {
            if (i > 0) {
                sb.append(" + ");
            }
            sb.append(i < 2 ? String.format("%.1f us/%s", 1000 * coefficients[i], i == 0 ? "run" : "kernel")
                    : String.format("%.3f x %s", coefficients[i], terms.get(i)));
        }
        return sb.toString();
    }
}
