package dev.edgenas.gap8.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.ir.KernelKey;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KernelPlannerTest {

    @Test
    void requantFollowsTheKernelsDefinition() {
        assertEquals(Requant.IDENTITY, Requant.of(1.0));
        assertEquals(new Requant(1 << 30, 0), Requant.of(0.5));
        assertEquals(new Requant(0, 0), Requant.of(0));
        Random rnd = new Random(3);
        for (int i = 0; i < 1000; i++) {
            double r = Math.pow(2, -40 + 60 * rnd.nextDouble());
            Requant q = Requant.of(r);
            assertTrue(q.mult() >= 1 << 30 || q.shift() == 31, "mult " + q);
            assertTrue(q.shift() >= -30 && q.shift() <= 31, "shift " + q);
            if (q.shift() < 31) {
                assertEquals(1.0, q.value() / r, 1e-9, "r=" + r);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Requant.of(Math.pow(2, 31)));
    }

    @Test
    void convPlanPicksTheRightKernelAndSizes() throws Exception {
        // HWC kernels unless $EDGENAS_GAP8_CONV_KERNELS=chw
        boolean hwc = HwcConv.enabled(System.getenv(HwcConv.ENV));
        String pre = hwc ? "en_hwc_" : "en_";
        KernelPlan p = KernelPlanner.plan(KernelKey.parse(
                "conv;in=1x16x32x32;out=1x32x16x16;d=1x1;g=1;k=3x3;p=1,1,1,1;s=2x2;act=relu6;prec=int8"));
        assertEquals(pre + "conv2d_s8", p.function());
        // im2col scratch: 8 cores x (32 folded biases + 2 columns of 3*3*16 taps)
        long scratch = hwc ? 8L * (32 * 4 + 2 * 144) : 0;
        assertEquals(16 * 32 * 32 + 32 * 16 * 9 + 32 * 4 + 32 * 4 + 32 + 32 * 16 * 16 + scratch + KernelPlan.ARGS_BYTES,
                p.workingSetBytes());
        assertEquals(32L * 16 * 16 * 16 * 9, p.macs());
        assertEquals(hwc, p.argsFields().contains(".buf_bytes = 416"));
        assertEquals(pre + "dwconv2d_s8", KernelPlanner.plan(KernelKey.parse(
                "dwconv;in=1x8x8x8;out=1x8x8x8;d=1x1;g=8;k=3x3;p=1,1,1,1;s=1x1;act=none;prec=int8")).function());
        assertEquals(pre + "pwconv2d_s8", KernelPlanner.plan(KernelKey.parse(
                "conv;in=1x8x8x8;out=1x4x8x8;d=1x1;g=1;k=1x1;p=0,0,0,0;s=1x1;act=none;prec=int8")).function());
        // grouped convs keep the CHW kernel
        assertEquals("en_conv2d_s8", KernelPlanner.plan(KernelKey.parse(
                "conv;in=1x8x8x8;out=1x8x8x8;d=1x1;g=2;k=3x3;p=1,1,1,1;s=1x1;act=none;prec=int8")).function());
        assertEquals(dev.edgenas.core.ExitCode.USAGE,
                assertThrows(dev.edgenas.core.EdgenasException.class, () -> HwcConv.enabled("nhwc")).exitCode());
    }

    @Test
    void sameKeySameParametersAndSeed() throws Exception {
        String k = "add;in=1x4x4x4,1x4x4x4;out=1x4x4x4;act=relu;prec=int8";
        KernelPlan a = KernelPlanner.plan(KernelKey.parse(k));
        KernelPlan b = KernelPlanner.plan(KernelKey.parse(k));
        assertEquals(a.argsFields(), b.argsFields());
        assertEquals(a.seed(), b.seed());
    }

    @Test
    void unsupportedKernelsSayWhy() {
        String[][] cases = {
            {"conv;in=1x8x8x8;out=1x8x8x8;d=1x1;g=1;k=3x3;p=1,1,1,1;s=1x1;act=none;prec=fp32", "int8"},
            {"mul;in=1x8x8x8,1x8x8x8;out=1x8x8x8;act=none;prec=int8", "no en_* kernel for op mul"},
            {"resize;in=1x8x4x4;out=1x8x8x8;ctm=asymmetric;mode=nearest;act=none;prec=int8", "linear/half_pixel"},
            {"add;in=1x8x8x8,1x8x1x1;out=1x8x8x8;act=none;prec=int8", "broadcasting"},
            {"conv;in=1x8x8x8;out=1x8x8x8;d=1x1;g=1;k=3x3;p=1,1,1,1;s=1x1;act=sigmoid;prec=int8", "sigmoid"},
            {"conv;in=1x8x8x8;out=1x8x5x5;d=1x1;g=1;k=3x3;p=1,1,1,1;s=1x1;act=none;prec=int8", "does not follow"},
            {"concat;in=1x8x8x8,1x8x8x8;out=1x8x8x16;axis=3;act=none;prec=int8", "axis 1"},
        };
        for (String[] c : cases) {
            UnsupportedKernelException e = assertThrows(UnsupportedKernelException.class,
                    () -> KernelPlanner.plan(KernelKey.parse(c[0])), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }
}
