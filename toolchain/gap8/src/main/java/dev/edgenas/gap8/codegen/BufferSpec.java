package dev.edgenas.gap8.codegen;

import java.util.List;

/**
 * One tensor or parameter array of a kernel as the firmware creates it.
 *
 * @param role        what it is (x, w, bias, mult, shift, y, ...), for comments and bind code
 * @param deviceBytes its size on GAP8 (32-bit pointers)
 * @param sizeExpr    its size as a C expression (differs from deviceBytes only for pointer arrays)
 * @param elem        element size of the pseudo-random fill: 1 or 4
 * @param output      true for the kernel's output
 * @param lo          fill range, inclusive
 * @param hi          fill range, inclusive
 * @param init        fixed int32 content instead of the random fill (null: random)
 * @param scratch     a kernel's workspace (im2col columns): placed in L1 even when the tensors stay in L2,
 *                    as a deployment would; its content is not an input
 */
public record BufferSpec(String role, long deviceBytes, String sizeExpr, int elem, boolean output,
                         long lo, long hi, List<Long> init, boolean scratch) {

    public static BufferSpec int8(String role, long count) {
        return new BufferSpec(role, count, count + "u", 1, false, -128, 127, null, false);
    }

    public static BufferSpec output(String role, long count) {
        return new BufferSpec(role, count, count + "u", 1, true, 0, 0, null, false);
    }

    public static BufferSpec int32(String role, long count, long lo, long hi) {
        return new BufferSpec(role, 4 * count, (4 * count) + "u", 4, false, lo, hi, null, false);
    }

    /** Per-core workspace of a kernel (zero-filled; the kernel writes before it reads). */
    public static BufferSpec scratch(String role, long count) {
        return new BufferSpec(role, count, count + "u", 1, false, 0, 0, null, true);
    }

    public static BufferSpec int8Const(String role, long count, int value) {
        return new BufferSpec(role, count, count + "u", 1, false, value, value, null, false);
    }

    public static BufferSpec int32Init(String role, List<Long> values) {
        return new BufferSpec(role, 4L * values.size(), (4L * values.size()) + "u", 4, false, 0, 0, List.copyOf(values), false);
    }

    /** Bytes the L1/L2 allocator hands out: rounded up to 4. */
    public long allocatedBytes() {
        return (deviceBytes + 3) & ~3L;
    }
}
