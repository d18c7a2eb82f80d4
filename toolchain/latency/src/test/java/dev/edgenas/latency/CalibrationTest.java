package dev.edgenas.latency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {
    private static final String C1 = "conv;in=1x16x16x16;out=1x16x16x16;d=1x1;g=1;k=1x1;p=0,0,0,0;s=1x1;act=relu;prec=fp32";
    private static final String C3 = "conv;in=1x16x16x16;out=1x16x16x16;d=1x1;g=1;k=3x3;p=1,1,1,1;s=1x1;act=relu;prec=fp32";
    private static final String DW = "dwconv;in=1x16x16x16;out=1x16x16x16;d=1x1;g=16;k=3x3;p=1,1,1,1;s=1x1;act=relu6;prec=fp32";
    private static final String ADD = "add;in=1x16x16x16,1x16x16x16;out=1x16x16x16;act=none;prec=fp32";

    /** A random network's raw prediction: per class a few kernels of random latency. */
    private static Prediction net(Random rng) {
        List<KernelLatency> k = new ArrayList<>();
        for (String key : List.of(C1, C3, DW, ADD)) {
            int n = 2 + rng.nextInt(10);
            for (int i = 0; i < n; i++) {
                k.add(new KernelLatency("k", key, 0.01 + 0.1 * rng.nextDouble(), false, "table"));
            }
        }
        double sum = k.stream().mapToDouble(KernelLatency::ms).sum();
        return new Prediction(sum, 0, k, 0, null);
    }

    @Test
    void recoversAPerKernelCostAndAScaleAndPicksThatForm() {
        Random rng = new Random(3);
        List<Calibration.Sample> s = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Prediction p = net(rng);
            double truth = 0.02 + 0.004 * p.perKernel().size() + 1.15 * p.totalMs();
            s.add(new Calibration.Sample("n" + i, p, truth * (1 + 0.002 * rng.nextGaussian())));
        }
        Calibration c = Calibration.fit(s, "test");
        assertEquals("constant+scale", c.form(), c.cvRmspe().toString());
        assertEquals(0.004, c.coefficients()[1], 5e-4);
        assertEquals(1.15, c.coefficients()[2], 0.02);
        assertTrue(c.rmspeFit() < 0.01 && c.rmspeRaw() > 0.1, c.toString());
        Prediction fresh = net(rng);
        double truth = 0.02 + 0.004 * fresh.perKernel().size() + 1.15 * fresh.totalMs();
        assertEquals(truth, c.apply(fresh), 0.02 * truth);
    }

    @Test
    void classFactorsWhenTheClassesAreOffByDifferentAmounts() {
        Random rng = new Random(5);
        List<Calibration.Sample> s = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Prediction p = net(rng);
            double[] f = Calibration.features(p);
            double truth = 0.8 * f[2] + 1.6 * f[3] + 1.0 * f[4] + 1.3 * f[5];
            s.add(new Calibration.Sample("n" + i, p, truth));
        }
        Calibration c = Calibration.fit(s, "test");
        assertEquals("per-class", c.form());
        assertArrayEquals(new double[] {0, 0, 0.8, 1.6, 1.0, 1.3}, c.coefficients(), 1e-6);
    }

    @Test
    void nnlsKeepsCoefficientsNonNegativeWhereLeastSquaresGoesBelowZero() {
        // unconstrained solution of this problem is (2, -1); the constrained optimum puts x1 at 0
        double[][] a = {{1, 1}, {1, 2}, {1, 3}};
        double[] b = {1, 0, -1};
        double[] x = Nnls.solve(a, b);
        assertEquals(0, x[1], 1e-12);
        assertEquals(0, x[0], 1e-9); // with x1 = 0, the best x0 >= 0 is the mean of b, 0
        double[] y = Nnls.solve(new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[] {1, 2, 3});
        assertArrayEquals(new double[] {1, 2}, y, 1e-9);
    }
}
