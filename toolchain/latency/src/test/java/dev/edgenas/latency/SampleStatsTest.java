package dev.edgenas.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SampleStatsTest {
    @Test
    void quantilesAndMadOfKnownSamples() {
        double[] s = {1, 2, 3, 4, 100};
        assertEquals(3, SampleStats.median(s), 1e-12);
        assertEquals(1.4, SampleStats.quantile(s, 0.1), 1e-12);
        assertEquals(1, SampleStats.mad(s), 1e-12);
        TableEntry e = SampleStats.entry(new double[] {100, 4, 3, 2, 1}, 0.95, false);
        assertEquals(5, e.count());
        assertEquals(3, e.median(), 1e-12);
        assertEquals(22, e.mean(), 1e-12);
    }

    @Test
    void medianConfidenceIntervalShrinksWithMoreSamples() {
        Random r = new Random(1);
        double[] few = sorted(r, 20);
        double[] many = sorted(r, 2000);
        double ciFew = SampleStats.relativeMedianCi(few, 0.95);
        double ciMany = SampleStats.relativeMedianCi(many, 0.95);
        assertTrue(ciMany < ciFew / 4, ciFew + " vs " + ciMany);
        // lognormal noise of 10 %: the CI of the median of 2000 samples is about +-0.5 %
        assertTrue(ciMany > 0.002 && ciMany < 0.01, "ci " + ciMany);
        assertEquals(0, SampleStats.relativeMedianCi(new double[] {2, 2, 2, 2, 2, 2, 2, 2}, 0.95), 1e-12);
    }

    private static double[] sorted(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.exp(r.nextGaussian() * 0.1);
        }
        java.util.Arrays.sort(v);
        return v;
    }
}
