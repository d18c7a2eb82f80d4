package dev.edgenas.gap8.codegen;

import dev.edgenas.ir.KernelKey;
import java.util.List;

/**
 * How the firmware runs one kernel: which en_* function, its argument struct, its buffers and
 * how their addresses go into the struct.
 *
 * @param function   en_* kernel, e.g. en_conv2d_s8
 * @param argsType   C type of its argument struct
 * @param argsFields designated-initializer body of the scalar fields (pointers left unset)
 * @param bindLines  C statements storing buffer addresses: variables {@code a} (typed args) and {@code b}
 * @param buffers    tensors and parameter arrays in buffer-index order
 * @param outBuffer  index of the output buffer
 * @param macs       multiply-accumulates (or elements touched, for non-MAC kernels) of one run
 * @param seed       data seed: derived from the key, so data never depends on the batch
 */
public record KernelPlan(KernelKey key, String function, String argsType, String argsFields,
                         List<String> bindLines, List<BufferSpec> buffers, int outBuffer, long macs, long seed) {

    /** Upper bound of an en_* argument struct on the chip (the largest, conv, is 104 bytes). */
    public static final long ARGS_BYTES = 128;

    public KernelPlan {
        bindLines = List.copyOf(bindLines);
        buffers = List.copyOf(buffers);
    }

    /** Bytes of L1 (or L2) the kernel needs at once: every buffer plus the argument struct. */
    public long workingSetBytes() {
        return buffers.stream().mapToLong(BufferSpec::allocatedBytes).sum() + ARGS_BYTES;
    }

    /** Bytes of L2 it needs when it does not fit L1: its scratch buffers go to L1 even then. */
    public long l2Bytes() {
        return buffers.stream().filter(b -> !b.scratch()).mapToLong(BufferSpec::allocatedBytes).sum() + ARGS_BYTES;
    }
}
