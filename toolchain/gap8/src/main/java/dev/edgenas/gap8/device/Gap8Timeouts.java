package dev.edgenas.gap8.device;

import dev.edgenas.gap8.Gap8Options;
import dev.edgenas.gap8.Gap8Platform;
import dev.edgenas.gap8.codegen.KernelPlan;

/**
 * Timeouts derived from the work expected. A kernel is assumed to reach only 0.25 MAC per
 * cluster cycle (optimised int8 kernels reach 10-15; plain C on one core is well below 1), 4x
 * slower again from L2, and then gets 5x that plus the frames' transmission time and 2 s.
 * GVSOC simulates a few million cycles per second, so its budget is 300x larger.
 */
public final class Gap8Timeouts {
    static final double MAC_PER_CYCLE = 0.25;
    static final int FRAME_BYTES = 40;
    /** Wall time per unit of chip time on GVSOC: generous (measured ~45x on 8 cores, 2 host cores). */
    static final double GVSOC_SLOWDOWN = 300;

    private Gap8Timeouts() {
    }

    public static long bootMs(Gap8Options o) {
        long base = switch (o.platform()) {
            case HOST_SIM -> 10_000;
            case BOARD -> o.flash() ? 120_000 : 60_000; // JTAG load, or the user pressing reset
            case GVSOC -> 180_000;
        };
        return Math.round(base * o.timeoutScale());
    }

    public static long kernelMs(KernelPlan k, Gap8Options o) {
        double cycles = Math.max(k.macs() / MAC_PER_CYCLE, 10_000);
        if (k.workingSetBytes() > o.l1Budget()) {
            cycles *= 4;
        }
        double computeS = (o.reps() + o.warmup()) * cycles / o.clHz() * 5;
        if (o.platform() == Gap8Platform.GVSOC) {
            computeS *= GVSOC_SLOWDOWN;
        }
        double framesS = (o.reps() + 3.0) * FRAME_BYTES * 10 / o.baud() * 2;
        return Math.round((computeS + framesS + 2) * 1000 * o.timeoutScale());
    }

    /**
     * The wall-time bound of one firmware batch: {@code boardMs} of chip time, so that a hang costs
     * little; on GVSOC the same chip time, scaled like the kernels' timeouts (else the simulator's
     * slowdown would leave one kernel per batch and one SDK build per kernel).
     */
    public static long batchMs(long boardMs, Gap8Options o) {
        double ms = boardMs * o.timeoutScale();
        return Math.round(o.platform() == Gap8Platform.GVSOC ? ms * GVSOC_SLOWDOWN : ms);
    }

    public static long buildMs(Gap8Options o) {
        return Math.round(600_000 * Math.max(1, o.timeoutScale()));
    }
}
