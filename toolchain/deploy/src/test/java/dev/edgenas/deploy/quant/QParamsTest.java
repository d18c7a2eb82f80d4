package dev.edgenas.deploy.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class QParamsTest {
    @Test
    void rangeAlwaysRepresentsZeroExactly() {
        for (ActivationType t : ActivationType.values()) {
            QParams relu = QParams.fromRange(0, 6, t);
            assertEquals(t.qmin, relu.zeroPoint());
            assertEquals(0f, relu.dequantize(relu.zeroPoint()));
            assertEquals(6.0, relu.realMax(), 1e-5);
            QParams positive = QParams.fromRange(2, 4, t); // widened to [0, 4]
            assertEquals(0.0, positive.realMin(), 1e-6);
            QParams signed = QParams.fromRange(-1, 3, t);
            assertEquals(0f, signed.dequantize(signed.zeroPoint()));
            assertEquals(t.qmin, signed.quantize(-100f));
            assertEquals(t.qmax, signed.quantize(100f));
        }
        assertEquals(1f, QParams.fromRange(0, 0, ActivationType.INT8).scale());
    }

    @Test
    void roundsHalfToEvenAndUint8MapsExactlyToInt8() {
        QParams p = new QParams(1f, 0, ActivationType.INT8);
        assertEquals(2, p.quantize(2.5f));
        assertEquals(4, p.quantize(3.5f));
        assertEquals(-2, p.quantize(-2.5f));
        QParams u = QParams.fromRange(-0.7, 2.3, ActivationType.UINT8);
        QParams s = u.asInt8();
        Random r = new Random(1);
        for (int i = 0; i < 1000; i++) {
            float v = (float) (r.nextDouble() * 4 - 1.5);
            assertEquals(u.quantize(v) - 128, s.quantize(v));
            assertEquals(u.dequantize(u.quantize(v)), s.dequantize(s.quantize(v)));
        }
    }

    @Test
    void percentileClipsOutliersAndEntropyClipsALongTail() {
        long[] hist = new long[RangeEstimator.BINS];
        hist[0] = 10;
        for (int i = 1; i < 1000; i++) {
            hist[i] = 1000;
        }
        hist[RangeEstimator.BINS - 1] = 1; // one outlier at the top
        double[] r = RangeEstimator.percentile(hist, 0, 2048, 99.99);
        assertTrue(r[1] <= 1001 && r[1] >= 990, "upper " + r[1]);
        assertEquals(2048, RangeEstimator.percentile(hist, 0, 2048, 100)[1], 1e-9);
        // Laplace-like magnitudes: a heavy body and a thin tail up to absMax
        long[] mag = new long[RangeEstimator.BINS];
        for (int i = 0; i < mag.length; i++) {
            mag[i] = Math.round(1e6 * Math.exp(-i / 60.0));
        }
        double t = RangeEstimator.entropyThreshold(mag, 20.48, 128);
        assertTrue(t > 1.28 && t < 20.48, "threshold " + t);
    }
}
