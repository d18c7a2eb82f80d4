package dev.edgenas.profile;

import dev.edgenas.ir.KernelKey;

/** Kernel keys with a special meaning to profilers. */
public final class Kernels {
    /** The empty run: an Identity graph on one float (or an empty kernel call); its time is the per-run overhead. */
    public static final KernelKey EMPTY = KernelKey.parse("empty;in=1;out=1;act=none;prec=fp32");

    private Kernels() {
    }

    public static boolean isEmpty(KernelKey k) {
        return k.op().equals(EMPTY.op());
    }
}
