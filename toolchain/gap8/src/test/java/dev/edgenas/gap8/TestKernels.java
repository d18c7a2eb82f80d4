package dev.edgenas.gap8;

import dev.edgenas.ir.KernelKey;
import java.util.List;

/** Kernel keys used across the GAP8 tests: one of each en_* kernel, small enough for quick runs. */
final class TestKernels {
    private TestKernels() {
    }

    static final KernelKey CONV3X3 = KernelKey.parse(
            "conv;in=1x16x32x32;out=1x32x16x16;d=1x1;g=1;k=3x3;p=1,1,1,1;s=2x2;act=relu6;prec=int8");
    static final KernelKey DWCONV = KernelKey.parse(
            "dwconv;in=1x32x16x16;out=1x32x16x16;d=1x1;g=32;k=3x3;p=1,1,1,1;s=1x1;act=relu;prec=int8");
    static final KernelKey PWCONV = KernelKey.parse(
            "conv;in=1x32x16x16;out=1x16x16x16;d=1x1;g=1;k=1x1;p=0,0,0,0;s=1x1;act=none;prec=int8");
    static final KernelKey ADD = KernelKey.parse("add;in=1x16x16x16,1x16x16x16;out=1x16x16x16;act=none;prec=int8");
    static final KernelKey RESIZE = KernelKey.parse(
            "resize;in=1x16x8x8;out=1x16x32x32;ctm=half_pixel;mode=linear;act=none;prec=int8");
    static final KernelKey CONCAT = KernelKey.parse("concat;in=1x16x16x16,1x8x16x16;out=1x24x16x16;axis=1;act=none;prec=int8");
    static final KernelKey MAXPOOL = KernelKey.parse(
            "maxpool;in=1x16x32x32;out=1x16x16x16;k=2x2;p=0,0,0,0;s=2x2;act=none;prec=int8");
    static final KernelKey AVGPOOL = KernelKey.parse(
            "avgpool;in=1x16x16x16;out=1x16x8x8;k=3x3;p=1,1,1,1;s=2x2;act=none;prec=int8");
    static final KernelKey GAP = KernelKey.parse("gap;in=1x64x8x8;out=1x64x1x1;act=none;prec=int8");
    /** 160 KiB of tensors: more than L1, runs from L2. */
    static final KernelKey BIG_L2 = KernelKey.parse(
            "dwconv;in=1x32x64x64;out=1x32x32x32;d=1x1;g=32;k=3x3;p=1,1,1,1;s=2x2;act=relu6;prec=int8");

    static List<KernelKey> mixed() {
        return List.of(CONV3X3, DWCONV, PWCONV, ADD, RESIZE, CONCAT, MAXPOOL, AVGPOOL, GAP);
    }
}
