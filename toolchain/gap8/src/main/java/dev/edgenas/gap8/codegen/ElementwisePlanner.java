package dev.edgenas.gap8.codegen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Plans of the non-convolution kernels: global pool, add, concat, resize. */
final class ElementwisePlanner {
    /** Inputs of one concat the firmware table allows (each input is a buffer). */
    static final int MAX_CONCAT_INPUTS = 8;

    private ElementwisePlanner() {
    }

    static KernelPlan globalPool(PlanContext c) throws UnsupportedKernelException {
        long[] in = c.in(0);
        long[] out = c.out();
        if (out[0] != in[0] || out[1] != 1 || out[2] != 1) {
            throw new UnsupportedKernelException("global pool output must be Cx1x1 with the input's channels");
        }
        Requant rq = Requant.of(1.0 / (in[1] * in[2])); // the 1/(h*w) folded into the factor
        int[] clamp = c.clamp();
        String fields = String.format(".c = %d, .h = %d, .w = %d, .x_zp = %d, .y_zp = %d, .mult = %d, .shift = %d, "
                + ".act_min = %d, .act_max = %d", in[0], in[1], in[2], c.xZp, c.yZp, rq.mult(), rq.shift(),
                clamp[0], clamp[1]);
        return new KernelPlan(c.key, "en_global_avgpool_s8", "en_global_pool_args_t", fields,
                List.of("a->x = (const int8_t *) b[0];", "a->y = (int8_t *) b[1];"),
                List.of(BufferSpec.int8("x", in[0] * in[1] * in[2]), BufferSpec.output("y", in[0])), 1,
                in[0] * in[1] * in[2], c.seed);
    }

    static KernelPlan add(PlanContext c) throws UnsupportedKernelException {
        long[] a = c.in(0);
        long[] b = c.in(1);
        long[] out = c.out();
        if (!Arrays.equals(a, out) || !Arrays.equals(b, out)) {
            throw new UnsupportedKernelException("en_add_s8 needs equal shapes (no broadcasting): "
                    + c.key.inputs() + " -> " + c.key.output());
        }
        long size = out[0] * out[1] * out[2];
        double ra = 0.4 + 0.4 * c.rnd.nextDouble();
        double rb = 0.4 + 0.4 * c.rnd.nextDouble();
        int shift = Requant.of(Math.max(ra, rb)).shift(); // one shared shift, from the larger ratio
        long am = Math.round(ra * Math.pow(2, 31 + shift));
        long bm = Math.round(rb * Math.pow(2, 31 + shift));
        int bZp = c.rnd.nextInt(33) - 16;
        int[] clamp = c.clamp();
        String fields = String.format(".size = %d, .a_zp = %d, .b_zp = %d, .y_zp = %d, .a_mult = %d, .b_mult = %d, "
                + ".shift = %d, .act_min = %d, .act_max = %d", size, c.xZp, bZp, c.yZp, am, bm, shift,
                clamp[0], clamp[1]);
        return new KernelPlan(c.key, "en_add_s8", "en_add_args_t", fields,
                List.of("a->a = (const int8_t *) b[0];", "a->b = (const int8_t *) b[1];", "a->y = (int8_t *) b[2];"),
                List.of(BufferSpec.int8("a", size), BufferSpec.int8("b", size), BufferSpec.output("y", size)), 2,
                size, c.seed);
    }

    static KernelPlan resize(PlanContext c) throws UnsupportedKernelException {
        long[] in = c.in(0);
        long[] out = c.out();
        String mode = c.key.params().getOrDefault("mode", "linear");
        String ctm = c.key.params().getOrDefault("ctm", "half_pixel");
        boolean halfPixel = ctm.equals("half_pixel")
                || ctm.equals("pytorch_half_pixel") && out[1] > 1 && out[2] > 1; // identical then
        if (!mode.equals("linear") || !halfPixel) {
            throw new UnsupportedKernelException("en_resize_bilinear_s8 implements linear/half_pixel only, not "
                    + mode + "/" + ctm);
        }
        if (in[0] != out[0]) {
            throw new UnsupportedKernelException("resize must keep the channels");
        }
        Requant rq = Requant.IDENTITY;
        int[] clamp = c.clamp();
        String fields = String.format(".c = %d, .in_h = %d, .in_w = %d, .out_h = %d, .out_w = %d, .x_zp = %d, "
                + ".y_zp = %d, .mult = %d, .shift = %d, .act_min = %d, .act_max = %d", in[0], in[1], in[2],
                out[1], out[2], c.xZp, c.yZp, rq.mult(), rq.shift(), clamp[0], clamp[1]);
        long outSize = out[0] * out[1] * out[2];
        return new KernelPlan(c.key, "en_resize_bilinear_s8", "en_resize_args_t", fields,
                List.of("a->x = (const int8_t *) b[0];", "a->y = (int8_t *) b[1];"),
                List.of(BufferSpec.int8("x", in[0] * in[1] * in[2]), BufferSpec.output("y", outSize)), 1,
                outSize * 4, c.seed);
    }

    static KernelPlan concat(PlanContext c) throws UnsupportedKernelException {
        String axis = c.key.params().getOrDefault("axis", "1");
        if (!axis.equals("1") && !axis.equals("-3")) {
            throw new UnsupportedKernelException("en_concat_s8 concatenates channels (axis 1) only, not axis " + axis);
        }
        if (!c.key.activation().equals("none")) {
            throw new UnsupportedKernelException("en_concat_s8 has no fused activation (" + c.key.activation() + ")");
        }
        int n = c.key.inputs().size();
        if (n < 1 || n > MAX_CONCAT_INPUTS) {
            throw new UnsupportedKernelException("concat of " + n + " inputs; the firmware takes 1.." + MAX_CONCAT_INPUTS);
        }
        long[] out = c.out();
        List<BufferSpec> bufs = new ArrayList<>();
        List<String> bind = new ArrayList<>();
        List<Long> channels = new ArrayList<>();
        List<Long> zps = new ArrayList<>();
        List<Long> mults = new ArrayList<>();
        List<Long> shifts = new ArrayList<>();
        long sumC = 0;
        for (int i = 0; i < n; i++) {
            long[] in = c.in(i);
            if (in[1] != out[1] || in[2] != out[2]) {
                throw new UnsupportedKernelException("concat input " + i + " has another height/width than the output");
            }
            sumC += in[0];
            bufs.add(BufferSpec.int8("x" + i, in[0] * in[1] * in[2]));
            channels.add(in[0]);
            zps.add((long) (c.rnd.nextInt(33) - 16));
            Requant rq = Requant.of(0.7 + 0.6 * c.rnd.nextDouble()); // inputs with their own scales
            mults.add((long) rq.mult());
            shifts.add((long) rq.shift());
        }
        if (sumC != out[0]) {
            throw new UnsupportedKernelException("concat channels " + sumC + " differ from output channels " + out[0]);
        }
        // the pointer table is filled by bind with the buffers' final (L1 or L2) addresses
        bufs.add(new BufferSpec("ptrs", 4L * n, n + "u * sizeof(void *)", 1, false, 0, 0, null, false));
        bufs.add(BufferSpec.int32Init("in_c", channels));
        bufs.add(BufferSpec.int32Init("x_zp", zps));
        bufs.add(BufferSpec.int32Init("mult", mults));
        bufs.add(BufferSpec.int32Init("shift", shifts));
        bufs.add(BufferSpec.output("y", out[0] * out[1] * out[2]));
        bind.add("const int8_t **p = (const int8_t **) b[" + n + "];");
        for (int i = 0; i < n; i++) {
            bind.add("p[" + i + "] = (const int8_t *) b[" + i + "];");
        }
        bind.add("a->x = (const int8_t *const *) p;");
        bind.add("a->in_c = (const int32_t *) b[" + (n + 1) + "];");
        bind.add("a->x_zp = (const int32_t *) b[" + (n + 2) + "];");
        bind.add("a->mult = (const int32_t *) b[" + (n + 3) + "];");
        bind.add("a->shift = (const int32_t *) b[" + (n + 4) + "];");
        bind.add("a->y = (int8_t *) b[" + (n + 5) + "];");
        String fields = String.format(".n_inputs = %d, .h = %d, .w = %d, .y_zp = %d", n, out[1], out[2], c.yZp);
        return new KernelPlan(c.key, "en_concat_s8", "en_concat_args_t", fields, bind, bufs, n + 5,
                out[0] * out[1] * out[2], c.seed);
    }
}
