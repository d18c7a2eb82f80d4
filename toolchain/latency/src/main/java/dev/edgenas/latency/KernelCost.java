package dev.edgenas.latency;

import dev.edgenas.ir.KernelKey;
import java.util.List;

/**
 * Work and traffic of a kernel computed from its key alone, so that a table's entries and a query
 * key are described the same way (the regression for missing keys needs both sides comparable).
 * Conventions follow dev.edgenas.ir.NodeCost: MACs of the convolution only; bytes = data inputs +
 * output + weights (+ bias), at 4 bytes per element (fp32 and, for int8 kernels, the float view a
 * QDQ graph has; the regression is fitted per precision so the scale cancels).
 *
 * @param macs  multiply-accumulates (0 for non-convolutions)
 * @param bytes bytes read and written
 */
public record KernelCost(long macs, long bytes) {

    public static KernelCost of(KernelKey k) {
        long out = numel(k.output());
        long in = 0;
        for (List<Long> s : k.inputs()) {
            in += numel(s);
        }
        long macs = 0;
        long weights = 0;
        if (k.op().equals("conv") || k.op().equals("dwconv")) {
            int[] kk = k.intsParam("k");
            int g = k.intParam("g", 1);
            long perOut = k.inChannels(0) / Math.max(1, g) * (long) kk[0] * kk[1];
            macs = out * perOut;
            weights = k.outChannels() * perOut + k.outChannels();
        } else if (k.op().equals("bn")) {
            weights = 2 * k.outChannels();
        }
        return new KernelCost(macs, 4 * (in + out + weights));
    }

    static long numel(List<Long> shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
