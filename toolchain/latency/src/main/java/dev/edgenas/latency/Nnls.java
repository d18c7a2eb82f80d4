package dev.edgenas.latency;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * Non-negative least squares, min |Ax - b| subject to x >= 0, by the active-set method of Lawson and Hanson; the
 * unconstrained sub-problems are solved by Commons Math's QR decomposition. Small problems only (a handful of
 * columns): a calibration has six.
 */
final class Nnls {
    private Nnls() {
    }

    static double[] solve(double[][] a, double[] b) {
        int n = a[0].length;
        RealMatrix am = new Array2DRowRealMatrix(a, false);
        RealVector bv = new ArrayRealVector(b, false);
        double[] x = new double[n];
        boolean[] passive = new boolean[n];
        double tol = 1e-10 * am.getFrobeniusNorm() * Math.max(1, bv.getNorm());
        for (int outer = 0; outer < 3 * n + 10; outer++) {
            RealVector w = am.transpose().operate(bv.subtract(am.operate(new ArrayRealVector(x))));
            int best = -1;
            for (int j = 0; j < n; j++) {
                if (!passive[j] && w.getEntry(j) > tol && (best < 0 || w.getEntry(j) > w.getEntry(best))) {
                    best = j;
                }
            }
            if (best < 0) {
                return x;
            }
            passive[best] = true;
            for (int inner = 0; inner < 3 * n + 10; inner++) {
                double[] z = subSolve(am, bv, passive);
                boolean feasible = true;
                for (int j = 0; j < n; j++) {
                    feasible &= !passive[j] || z[j] > 0;
                }
                if (feasible) {
                    x = z;
                    break;
                }
                double alpha = 1;
                for (int j = 0; j < n; j++) {
                    if (passive[j] && z[j] <= 0) {
                        alpha = Math.min(alpha, x[j] / (x[j] - z[j]));
                    }
                }
                for (int j = 0; j < n; j++) {
                    x[j] += alpha * (z[j] - x[j]);
                    if (passive[j] && x[j] <= 1e-15) {
                        passive[j] = false;
                        x[j] = 0;
                    }
                }
            }
        }
        return x;
    }

    /** Least squares on the passive columns only; the others stay 0. */
    private static double[] subSolve(RealMatrix a, RealVector b, boolean[] passive) {
        List<Integer> cols = new ArrayList<>();
        for (int j = 0; j < passive.length; j++) {
            if (passive[j]) {
                cols.add(j);
            }
        }
        RealMatrix sub = new Array2DRowRealMatrix(a.getRowDimension(), cols.size());
        for (int c = 0; c < cols.size(); c++) {
            sub.setColumnVector(c, a.getColumnVector(cols.get(c)));
        }
        double[] z = new double[passive.length];
        try {
            RealVector s = new QRDecomposition(sub).getSolver().solve(b);
            for (int c = 0; c < cols.size(); c++) {
                z[cols.get(c)] = s.getEntry(c);
            }
        } catch (SingularMatrixException e) {
            // a column dependent on the others adds nothing: it stays at 0
        }
        return z;
    }
}
