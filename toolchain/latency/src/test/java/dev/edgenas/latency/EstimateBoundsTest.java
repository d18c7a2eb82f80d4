package dev.edgenas.latency;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.ir.KernelKey;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two absurd estimates seen on a PyTorch-exported DeepLabV3+ (issue 17), rebuilt as tables whose fit alone
 * repeats the mistake: the estimate must stay within what the measured neighbours of the same op and kernel size
 * allow.
 */
class EstimateBoundsTest {
    private static String conv(int cin, int cout, int hw, int k, int dil) {
        int pad = dil * (k / 2);
        return String.format("conv;in=1x%dx%dx%d;out=1x%dx%dx%d;d=%dx%d;g=1;k=%dx%d;p=%d,%d,%d,%d;s=1x1;act=relu;prec=fp32",
                cin, hw, hw, cout, hw, hw, dil, dil, k, k, pad, pad, pad, pad);
    }

    @Test
    void aSmallDilatedAsppConvIsNoSlowerThanItsMeasuredLargerVersions() {
        Map<String, Double> m = new LinkedHashMap<>();
        // the 8x8 ASPP branches: four times the MACs of the 4x4 ones, measured at 0.05-0.10 ms
        m.put(conv(160, 128, 8, 3, 6), 0.05);
        m.put(conv(160, 128, 8, 3, 12), 0.08);
        m.put(conv(160, 128, 8, 3, 18), 0.10);
        // backbone and decoder 3x3 convs on large maps: memory-bound, slow per MAC
        m.put(conv(16, 16, 64, 3, 1), 0.30);
        m.put(conv(24, 24, 32, 3, 1), 0.12);
        m.put(conv(32, 32, 64, 3, 1), 0.95);
        LatencyTable t = Tables.table(m, 0.005, LatencyTable.ADD_ONCE);
        KernelKey small = KernelKey.parse(conv(160, 128, 4, 3, 12));
        assertTrue(KernelCost.of(small).macs() > 2_900_000 && KernelCost.of(small).macs() < 3_000_000);
        MissingKeyEstimator.Estimate e = new MissingKeyEstimator(t).estimate(small);
        assertTrue(e.rawMs() > 0.05, "the scenario: the fit alone overestimates (" + e + ")");
        assertTrue(e.ms() <= 0.05 + 1e-12 && e.ms() > 0, e.toString());
        assertTrue(e.method().endsWith("+bounded"), e.method());
        // through the predictor too
        KernelLatency k = new LatencyPredictor(t).latency(small);
        assertTrue(k.estimated() && k.ms() <= 0.05 + 1e-12, k.toString());
    }

    @Test
    void aWider1x1ConvIsNoFasterThanItsMeasuredNarrowerVersion() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(conv(16, 8, 64, 1, 1), 0.012); // the measured 16->8 at 64x64
        // 1x1 convs of the same work on smaller maps run fast: they pull the fit down
        m.put(conv(32, 16, 32, 1, 1), 0.003);
        m.put(conv(64, 32, 16, 1, 1), 0.002);
        m.put(conv(128, 64, 8, 1, 1), 0.0015);
        m.put(conv(256, 256, 8, 1, 1), 0.012);
        m.put(conv(320, 256, 8, 1, 1), 0.015);
        LatencyTable t = Tables.table(m, 0.005, LatencyTable.ADD_ONCE);
        KernelKey wide = KernelKey.parse(conv(16, 16, 64, 1, 1));
        MissingKeyEstimator.Estimate e = new MissingKeyEstimator(t).estimate(wide);
        assertTrue(e.rawMs() < 0.012, "the scenario: the fit alone underestimates (" + e + ")");
        assertTrue(e.ms() >= 0.012 - 1e-12, e.toString());
    }

    @Test
    void contradictoryNeighboursKeepTheEstimateBetweenThemAndInRangeFitsAreKept() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(conv(16, 8, 32, 1, 1), 0.02);   // fewer MACs and bytes, but slower (noise)
        m.put(conv(16, 32, 32, 1, 1), 0.01);  // more of both
        m.put(conv(64, 64, 8, 1, 1), 0.004);
        m.put(conv(32, 32, 16, 1, 1), 0.006);
        LatencyTable t = Tables.table(m, 0.005, LatencyTable.ADD_ONCE);
        MissingKeyEstimator.Estimate e = new MissingKeyEstimator(t).estimate(KernelKey.parse(conv(16, 16, 32, 1, 1)));
        assertTrue(e.ms() >= 0.01 - 1e-12 && e.ms() <= 0.02 + 1e-12, e.toString());
        Map<String, Double> mono = new LinkedHashMap<>();
        for (int c = 8; c <= 64; c *= 2) {
            mono.put(conv(c, c, 16, 1, 1), 0.001 * c);
        }
        MissingKeyEstimator.Estimate in = new MissingKeyEstimator(Tables.table(mono, 0.005, LatencyTable.ADD_ONCE))
                .estimate(KernelKey.parse(conv(24, 24, 16, 1, 1)));
        assertTrue(in.ms() == in.rawMs() && in.ms() > 0.016 && in.ms() < 0.032, in.toString());
    }
}
