package dev.edgenas.gap8.codegen;

import dev.edgenas.ir.KernelKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a kernel key to the en_* kernel that runs it on GAP8, with shapes checked and random but
 * valid int8 quantisation parameters. Convolutions and pools here; the rest in
 * {@link ElementwisePlanner}.
 */
public final class KernelPlanner {
    /** Standard deviation of a uniform int8 value: (256^2 - 1) / 12, square-rooted. */
    static final double INT8_STD = 73.9;

    private KernelPlanner() {
    }

    public static KernelPlan plan(KernelKey key) throws UnsupportedKernelException {
        if (!"int8".equals(key.precision())) {
            throw new UnsupportedKernelException("GAP8 profiles int8 kernels only, this one is " + key.precision());
        }
        PlanContext c = new PlanContext(key);
        return switch (key.op()) {
            case "conv", "dwconv" -> conv(c);
            case "maxpool", "avgpool" -> pool(c);
            case "gap" -> ElementwisePlanner.globalPool(c);
            case "add" -> ElementwisePlanner.add(c);
            case "concat" -> ElementwisePlanner.concat(c);
            case "resize" -> ElementwisePlanner.resize(c);
            default -> throw new UnsupportedKernelException("no en_* kernel for op " + key.op() + " yet");
        };
    }

    static KernelPlan conv(PlanContext c) throws UnsupportedKernelException {
        long[] in = c.in(0);
        long[] out = c.out();
        int[] k = c.ints("k", 2, 0);
        int[] s = c.ints("s", 2, 1);
        int[] d = c.ints("d", 2, 1);
        int[] p = c.ints("p", 4, 0);
        int g = c.key.intParam("g", c.key.op().equals("dwconv") ? (int) in[0] : 1);
        if (k[0] <= 0 || k[1] <= 0 || s[0] <= 0 || s[1] <= 0 || d[0] <= 0 || d[1] <= 0 || g <= 0
                || in[0] % g != 0 || out[0] % g != 0) {
            throw new UnsupportedKernelException("bad conv parameters k/s/d/g: " + c.key.params());
        }
        checkWindow(in, out, k, s, d, p);
        boolean depthwise = g == in[0] && out[0] == in[0];
        boolean pointwise = k[0] == 1 && k[1] == 1 && g == 1 && p[0] == 0 && p[1] == 0 && p[2] == 0 && p[3] == 0;
        // HWC kernels (en_hwc.c) for dense, depthwise and pointwise convs; grouped convs keep the
        // CHW kernel. Profiling data are random, so the activation layout changes nothing else.
        boolean hwc = HwcConv.enabled(System.getenv(HwcConv.ENV)) && (g == 1 || depthwise) && k[0] <= 16;
        String fn = hwc ? (depthwise ? "en_hwc_dwconv2d_s8" : pointwise ? "en_hwc_pwconv2d_s8" : "en_hwc_conv2d_s8")
                : depthwise ? "en_dwconv2d_s8" : pointwise ? "en_pwconv2d_s8" : "en_conv2d_s8";
        long taps = in[0] / g * k[0] * k[1];
        // scale so that outputs of random int8 data spread over the int8 range (std ~ 40 steps)
        Requant rq = Requant.of(40.0 / (Math.sqrt(taps) * INT8_STD * INT8_STD));
        long biasRange = Math.round(Math.sqrt(taps) * INT8_STD * INT8_STD / 2);
        int[] clamp = c.clamp();
        String fields = String.format(".in_c = %d, .in_h = %d, .in_w = %d, .out_c = %d, .out_h = %d, .out_w = %d, "
                        + ".k_h = %d, .k_w = %d, .stride_h = %d, .stride_w = %d, .dil_h = %d, .dil_w = %d, "
                        + ".pad_t = %d, .pad_l = %d, .pad_b = %d, .pad_r = %d, .groups = %d, "
                        + ".x_zp = %d, .y_zp = %d, .act_min = %d, .act_max = %d",
                in[0], in[1], in[2], out[0], out[1], out[2], k[0], k[1], s[0], s[1], d[0], d[1],
                p[0], p[1], p[2], p[3], g, c.xZp, c.yZp, clamp[0], clamp[1]);
        List<BufferSpec> bufs = new ArrayList<>(List.of(
                BufferSpec.int8("x", in[0] * in[1] * in[2]),
                BufferSpec.int8("w", out[0] * taps),
                BufferSpec.int32("bias", out[0], -biasRange, biasRange),
                // per-channel multipliers: weight scales differ by channel, within a factor 2
                BufferSpec.int32("mult", out[0], 1L << 30, Integer.MAX_VALUE),
                BufferSpec.int8Const("shift", out[0], rq.shift()),
                BufferSpec.output("y", out[0] * out[1] * out[2])));
        List<String> bind = new ArrayList<>(List.of("a->x = (const int8_t *) b[0];", "a->w = (const int8_t *) b[1];",
                "a->bias = (const int32_t *) b[2];", "a->mult = (const int32_t *) b[3];",
                "a->shift = (const int8_t *) b[4];", "a->y = (int8_t *) b[5];"));
        if (hwc) { // per-core scratch (im2col columns / CHW rows), always in L1 (see BufferSpec.scratch)
            int kind = depthwise ? HwcConv.DW : pointwise ? HwcConv.PW : HwcConv.CONV;
            int scratch = HwcConv.bufBytes(kind, (int) in[0], (int) out[0], (int) out[2], k[0], k[1], s[1], d[1]);
            fields += ", .buf_bytes = " + scratch;
            bufs.add(BufferSpec.scratch("buf", (long) HwcConv.CORES * scratch));
            bind.add("a->buf = (int8_t *) b[6];");
        }
        return new KernelPlan(c.key, fn, hwc ? "en_hwc_conv_args_t" : "en_conv2d_args_t", fields, bind, bufs, 5,
                out[0] * out[1] * out[2] * taps, c.seed);
    }

    static KernelPlan pool(PlanContext c) throws UnsupportedKernelException {
        long[] in = c.in(0);
        long[] out = c.out();
        int[] k = c.ints("k", 2, 0);
        int[] s = c.ints("s", 2, 1);
        int[] p = c.ints("p", 4, 0);
        if (k[0] <= 0 || k[1] <= 0 || s[0] <= 0 || s[1] <= 0 || in[0] != out[0]) {
            throw new UnsupportedKernelException("bad pool parameters or channel change: " + c.key.params());
        }
        checkWindow(in, out, k, s, new int[] {1, 1}, p);
        int[] clamp = c.clamp();
        Requant rq = Requant.IDENTITY;
        String fields = String.format(".c = %d, .in_h = %d, .in_w = %d, .out_h = %d, .out_w = %d, "
                        + ".k_h = %d, .k_w = %d, .stride_h = %d, .stride_w = %d, "
                        + ".pad_t = %d, .pad_l = %d, .pad_b = %d, .pad_r = %d, "
                        + ".x_zp = %d, .y_zp = %d, .mult = %d, .shift = %d, .act_min = %d, .act_max = %d",
                in[0], in[1], in[2], out[1], out[2], k[0], k[1], s[0], s[1], p[0], p[1], p[2], p[3],
                c.xZp, c.yZp, rq.mult(), rq.shift(), clamp[0], clamp[1]);
        String fn = c.key.op().equals("maxpool") ? "en_maxpool_s8" : "en_avgpool_s8";
        List<BufferSpec> bufs = List.of(BufferSpec.int8("x", in[0] * in[1] * in[2]),
                BufferSpec.output("y", out[0] * out[1] * out[2]));
        List<String> bind = List.of("a->x = (const int8_t *) b[0];", "a->y = (int8_t *) b[1];");
        return new KernelPlan(c.key, fn, "en_pool_args_t", fields, bind, bufs, 1,
                out[0] * out[1] * out[2] * k[0] * k[1], c.seed);
    }

    /** The output size must follow from the input and window (floor or ceil rounding). */
    private static void checkWindow(long[] in, long[] out, int[] k, int[] s, int[] d, int[] p)
            throws UnsupportedKernelException {
        for (int ax = 0; ax < 2; ax++) {
            long span = in[1 + ax] + p[ax] + p[ax + 2] - (long) d[ax] * (k[ax] - 1) - 1;
            long floor = Math.floorDiv(span, s[ax]) + 1;
            long ceil = Math.floorDiv(span + s[ax] - 1, s[ax]) + 1;
            if (span < 0 || out[1 + ax] != floor && out[1 + ax] != ceil) {
                throw new UnsupportedKernelException("output " + (ax == 0 ? "height " : "width ") + out[1 + ax]
                        + " does not follow from input " + in[1 + ax] + ", kernel " + k[ax] + ", stride " + s[ax]
                        + ", dilation " + d[ax] + ", pads " + p[ax] + "/" + p[ax + 2]);
            }
        }
    }
}
