package dev.edgenas.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.ir.KernelKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyPredictorTest {
    @Test
    void sumsEntriesAndAddsTheOverheadOnce() {
        LatencyTable t = Tables.table(Map.of(Tables.conv1x1(8, 16), 0.02, Tables.conv1x1(16, 32), 0.05), 0.004,
                LatencyTable.ADD_ONCE);
        Prediction p = new LatencyPredictor(t).predict(List.of(KernelKey.parse(Tables.conv1x1(8, 16)),
                KernelKey.parse(Tables.conv1x1(16, 32)), KernelKey.parse(Tables.conv1x1(8, 16))));
        assertEquals(0.004 + 0.02 + 0.05 + 0.02, p.totalMs(), 1e-12);
        assertEquals(0, p.estimatedCount());
        assertEquals(3, p.perKernel().size());
    }

    @Test
    void subtractsTheOverheadPerKernelWhenEntriesIncludeIt() {
        LatencyTable t = Tables.table(Map.of(Tables.conv1x1(8, 16), 0.02), 0.005, LatencyTable.SUBTRACT_PER_KERNEL_ADD_ONCE);
        KernelKey k = KernelKey.parse(Tables.conv1x1(8, 16));
        assertEquals(0.005 + 2 * 0.015, new LatencyPredictor(t).totalMs(List.of(k, k)), 1e-12);
    }

    @Test
    void missingKeysAreEstimatedFromTheTablesOwnEntriesAndCounted() {
        // latency = 2 us + 1 ns per MAC, exactly: the per-op regression must recover it
        Map<String, Double> m = new HashMap<>();
        for (int c : new int[] {8, 16, 24, 32, 48, 64}) {
            KernelKey k = KernelKey.parse(Tables.conv1x1(c, 2 * c));
            m.put(k.canonical(), 0.002 + KernelCost.of(k).macs() * 1e-6);
        }
        LatencyTable t = Tables.table(m, 0.003, LatencyTable.ADD_ONCE);
        LatencyPredictor p = new LatencyPredictor(t);
        KernelKey missing = KernelKey.parse(Tables.conv1x1(40, 80));
        KernelLatency est = p.latency(missing);
        assertTrue(est.estimated());
        assertTrue(est.method().startsWith("ols:conv/k=1x1"), est.method());
        assertEquals(0.002 + KernelCost.of(missing).macs() * 1e-6, est.ms(), 0.002 * 0.05);
        Prediction pr = p.predict(List.of(missing, KernelKey.parse(Tables.conv1x1(8, 16))));
        assertEquals(1, pr.estimatedCount());
        assertFalse(pr.perKernel().get(1).estimated());
        assertSame(est, p.latency(missing), "per-key results are cached");
    }

    @Test
    void anOpWithoutEntriesFallsBackToAllEntries() {
        LatencyTable t = Tables.table(Map.of(Tables.conv1x1(8, 16), 0.02, Tables.conv1x1(16, 32), 0.05), 0.004,
                LatencyTable.ADD_ONCE);
        KernelLatency est = new LatencyPredictor(t).latency(
                KernelKey.parse("add;in=1x16x16x16,1x16x16x16;out=1x16x16x16;act=none;prec=fp32"));
        assertTrue(est.estimated() && est.ms() > 0, est.toString());
        assertTrue(est.method().endsWith(":*"), est.method());
    }

    @Test
    void estimatesAreSafeFromManyThreadsAtOnce() throws Exception {
        // the search scores candidates on several threads, each estimating missing keys of a fresh predictor:
        // the per-group fits are built on first use, concurrently (a plain HashMap threw
        // ConcurrentModificationException here)
        Map<String, Double> m = new HashMap<>();
        for (int c : new int[] {8, 16, 24, 32, 48, 64}) {
            m.put(Tables.conv1x1(c, 2 * c), 0.002 + 1e-4 * c);
            m.put("conv;in=1x" + c + "x16x16;out=1x" + c + "x16x16;d=1x1;g=1;k=3x3;p=1,1,1,1;s=1x1;act=relu;prec=fp32",
                    0.004 + 3e-4 * c);
        }
        LatencyTable t = Tables.table(m, 0.003, LatencyTable.ADD_ONCE);
        List<KernelKey> missing = List.of(KernelKey.parse(Tables.conv1x1(40, 80)),
                KernelKey.parse("conv;in=1x40x16x16;out=1x40x16x16;d=1x1;g=1;k=3x3;p=1,1,1,1;s=1x1;act=relu;prec=fp32"),
                KernelKey.parse("conv;in=1x40x16x16;out=1x40x16x16;d=1x1;g=1;k=5x5;p=2,2,2,2;s=1x1;act=relu;prec=fp32"),
                KernelKey.parse("add;in=1x16x16x16,1x16x16x16;out=1x16x16x16;act=none;prec=fp32"),
                KernelKey.parse("relu;in=1x16x16x16;out=1x16x16x16;act=none;prec=fp32"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 200; round++) {
                LatencyPredictor p = new LatencyPredictor(t);
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Double>> fs = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    KernelKey k = missing.get(i % missing.size());
                    fs.add(pool.submit(() -> {
                        go.await();
                        return p.latency(k).ms();
                    }));
                }
                go.countDown();
                for (java.util.concurrent.Future<Double> f : fs) {
                    assertTrue(f.get() > 0);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
