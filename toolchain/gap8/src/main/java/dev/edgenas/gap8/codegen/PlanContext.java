package dev.edgenas.gap8.codegen;

import dev.edgenas.ir.KernelKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Per-kernel helpers for planning: shape access with checks, the data seed, and random but valid
 * quantisation parameters (zero points, output clamp) drawn from a generator seeded by the key,
 * so a kernel gets the same parameters in every batch and every run.
 */
final class PlanContext {
    /** Output scale assumed for activation clamps: Relu6 then spans 120 quantisation steps. */
    static final double Y_SCALE = 0.05;

    final KernelKey key;
    final long seed;
    final Random rnd;
    final int xZp;
    final int yZp;

    PlanContext(KernelKey key) {
        this.key = key;
        this.seed = fnv1a(key.canonical());
        this.rnd = new Random(seed);
        this.xZp = rnd.nextInt(33) - 16;
        this.yZp = rnd.nextInt(33) - 16;
    }

    static long fnv1a(String s) {
        long h = 2166136261L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = ((h ^ (b & 0xFF)) * 16777619L) & 0xFFFFFFFFL;
        }
        return h == 0 ? 1 : h;
    }

    /** Input i as [C, H, W]; batch must be 1. */
    long[] chw(List<Long> shape, String what) throws UnsupportedKernelException {
        if (shape.size() != 4) {
            throw new UnsupportedKernelException(what + " is not NCHW: " + KernelKey.dims(shape));
        }
        if (shape.get(0) != 1) {
            throw new UnsupportedKernelException(what + " has batch " + shape.get(0) + "; the firmware runs batch 1");
        }
        for (long d : shape) {
            if (d <= 0 || d > Integer.MAX_VALUE) {
                throw new UnsupportedKernelException(what + " has a bad dimension: " + KernelKey.dims(shape));
            }
        }
        return new long[] {shape.get(1), shape.get(2), shape.get(3)};
    }

    long[] in(int i) throws UnsupportedKernelException {
        if (i >= key.inputs().size()) {
            throw new UnsupportedKernelException(key.op() + " needs input " + i);
        }
        return chw(key.inputs().get(i), "input " + i);
    }

    long[] out() throws UnsupportedKernelException {
        return chw(key.output(), "output");
    }

    int[] ints(String name, int n, int dflt) throws UnsupportedKernelException {
        int[] v;
        try {
            v = key.intsParam(name);
        } catch (NumberFormatException e) {
            throw new UnsupportedKernelException("param " + name + " is not a list of integers: " + key.params().get(name));
        }
        if (v == null) {
            v = new int[n];
            java.util.Arrays.fill(v, dflt);
        }
        if (v.length != n) {
            throw new UnsupportedKernelException("param " + name + " needs " + n + " values: " + key.params().get(name));
        }
        return v;
    }

    /** act_min, act_max in the output's quantised domain for the fused activation. */
    int[] clamp() throws UnsupportedKernelException {
        String act = key.activation();
        if (act.equals("none")) {
            return new int[] {-128, 127};
        }
        if (act.equals("relu")) {
            return new int[] {yZp, 127};
        }
        if (act.equals("relu6")) {
            return clip(0, 6);
        }
        if (act.startsWith("clip(") && act.endsWith(")")) {
            String[] lh = act.substring(5, act.length() - 1).split(":");
            try {
                return clip(Double.parseDouble(lh[0]), Double.parseDouble(lh[1]));
            } catch (RuntimeException e) {
                throw new UnsupportedKernelException("cannot read activation " + act);
            }
        }
        throw new UnsupportedKernelException("activation " + act + " has no int8 clamp form in the en_* kernels");
    }

    private int[] clip(double lo, double hi) {
        int a = (int) Math.max(-128, Math.min(127, yZp + Math.round(lo / Y_SCALE)));
        int b = (int) Math.max(-128, Math.min(127, yZp + Math.round(hi / Y_SCALE)));
        return new int[] {a, Math.max(a, b)};
    }
}
