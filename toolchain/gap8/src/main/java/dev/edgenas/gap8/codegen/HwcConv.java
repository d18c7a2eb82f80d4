package dev.edgenas.gap8.codegen;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.util.Locale;

/**
 * Which convolution kernels profiling times, and the per-core scratch of the HWC ones
 * (en_hwc.c: im2col columns, folded biases, CHW rows of depthwise). The scratch formula mirrors
 * en_hwc_buf_bytes(); the kernel tests check the two agree through the C side.
 */
public final class HwcConv {
    /** Environment variable choosing the conv kernels: "hwc" (default) or "chw". */
    public static final String ENV = "EDGENAS_GAP8_CONV_KERNELS";
    /** Cluster cores a plan reserves scratch for (GAP8's cluster has 8). */
    public static final int CORES = 8;
    public static final int CONV = 0;
    public static final int DW = 1;
    public static final int PW = 2;

    private HwcConv() {
    }

    /** True unless $EDGENAS_GAP8_CONV_KERNELS says "chw"; any other value is a usage error. */
    public static boolean enabled(String envValue) {
        if (envValue == null || envValue.isBlank()) {
            return true;
        }
        return switch (envValue.trim().toLowerCase(Locale.ROOT)) {
            case "hwc" -> true;
            case "chw" -> false;
            default -> throw new EdgenasException(ExitCode.USAGE, "environment variable " + ENV + " must be hwc or chw, not '"
                    + envValue + "'");
        };
    }

    /** Scratch bytes per core (a multiple of 4), as en_hwc_buf_bytes computes them. */
    public static int bufBytes(int kind, int inC, int outC, int outW, int kh, int kw, int strideW, int dilW) {
        if (kind == DW) {
            int row = round4((outW - 1) * strideW + (kw - 1) * dilW + 1) + 4;
            return 16 + round4(kh * row);
        }
        int k = kind == PW ? inC : kh * kw * inC;
        return 4 * outC + (kind == PW ? 0 : 2 * round4(k));
    }

    private static int round4(int v) {
        return (v + 3) & ~3;
    }
}
