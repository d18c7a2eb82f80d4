package dev.edgenas.gap8.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Splits kernels into firmware batches. Tensors are allocated one kernel at a time, so L2 bounds
 * each kernel (checked when planning), not the batch; a batch is bounded by a kernel count (code
 * and table size, and how much a failed run costs) and by its expected run time, so a hang is
 * noticed and retried without waiting for a huge batch.
 */
public final class BatchPlanner {
    private BatchPlanner() {
    }

    public static List<List<KernelPlan>> split(List<KernelPlan> plans, int maxKernels, long maxBatchMs,
                                               ToLongFunction<KernelPlan> timeoutMs) {
        List<List<KernelPlan>> out = new ArrayList<>();
        List<KernelPlan> cur = new ArrayList<>();
        long curMs = 0;
        for (KernelPlan p : plans) {
            long ms = timeoutMs.applyAsLong(p);
            if (!cur.isEmpty() && (cur.size() >= maxKernels || curMs + ms > maxBatchMs)) {
                out.add(cur);
                cur = new ArrayList<>();
                curMs = 0;
            }
            cur.add(p);
            curMs += ms;
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }
}
