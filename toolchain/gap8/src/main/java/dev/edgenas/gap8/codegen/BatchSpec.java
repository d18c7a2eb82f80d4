package dev.edgenas.gap8.codegen;

import java.util.List;

/**
 * One firmware batch: the kernels it times and the run settings compiled into it.
 *
 * @param batchId      identifies the batch's content; the device echoes it in CONFIG and END
 * @param firmwareHash 8 hex digits of the firmware sources; the device echoes it in HELLO
 * @param l1Budget     bytes of cluster L1 a kernel may use; larger working sets run from L2
 */
public record BatchSpec(long batchId, List<KernelPlan> kernels, int reps, int warmup, long fcHz, long clHz,
                        int cores, int baud, String firmwareHash,
                        long l1Budget) {

    public BatchSpec {
        kernels = List.copyOf(kernels);
    }

    /** A batch id from the kernels and settings: equal content, equal id. */
    public static long idOf(List<KernelPlan> kernels, int reps, int warmup, long fcHz, long clHz, int cores) {
        StringBuilder sb = new StringBuilder();
        kernels.forEach(k -> sb.append(k.key().canonical()).append('|'));
        sb.append(reps).append('|').append(warmup).append('|').append(fcHz).append('|').append(clHz).append('|').append(cores);
        return PlanContext.fnv1a(sb.toString());
    }
}
