package dev.edgenas.gap8.memory;

import java.util.List;

/**
 * One layer as the GAP8 kernels execute it, with only what sizes memory: its op, its int8 inputs
 * and output, and the convolution / pooling geometry (1 for the others).
 */
public record MemLayer(String name, Op op, List<MemTensor> inputs, MemTensor output, int kh, int kw, int sh, int sw,
                       int dh, int dw) {
    /** LUT: a pointwise op by 256-entry table; MUL: elementwise Mul, the second input possibly 1x1xC. */
    public enum Op { CONV, DWCONV, PWCONV, MAXPOOL, AVGPOOL, GAP, RESIZE, ADD, CONCAT, LUT, MUL }

    public MemLayer {
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("layer " + name + " has no input");
        }
    }

    /** A layer without geometry (add, concat, resize, global pooling). */
    public static MemLayer simple(String name, Op op, List<MemTensor> inputs, MemTensor output) {
        return new MemLayer(name, op, inputs, output, 1, 1, 1, 1, 1, 1);
    }

    public MemTensor x() {
        return inputs.get(0);
    }

    public boolean conv() {
        return op == Op.CONV || op == Op.DWCONV || op == Op.PWCONV;
    }

    private static long round4(long n) {
        return (n + 3) & ~3L;
    }

    /** Constant bytes of {@code ch} output channels: int8 weights (word-aligned), int32 bias and multiplier, int8 shifts
     * (word-aligned): one chunk of the weights file as en_net.c reads it. Concat's small tables stay in L2 data. */
    public long weightBytes(int ch) {
        return switch (op) {
            case CONV, PWCONV -> round4((long) ch * kh * kw * x().c()) + 8L * ch + round4(ch);
            case DWCONV -> round4((long) ch * kh * kw) + 8L * ch + round4(ch);
            case LUT -> 256;
            default -> 0;
        };
    }

    public long weightBytes() {
        return weightBytes(output.c());
    }

    /** Input rows (of the first input) that {@code outRows} output rows read. */
    public int inRows(int outRows) {
        MemTensor x = x();
        long need = switch (op) {
            case CONV, DWCONV, PWCONV, MAXPOOL, AVGPOOL -> (long) (outRows - 1) * sh + (long) (kh - 1) * dh + 1;
            case RESIZE -> (long) Math.ceil((double) outRows * x.h() / output.h()) + 2;
            case GAP -> x.h();
            default -> outRows;
        };
        return (int) Math.min(x.h(), need);
    }

    /** Input columns that {@code outCols} output columns read (convs and pools; others read the same columns). */
    public int inCols(int outCols) {
        long need = switch (op) {
            case CONV, DWCONV, PWCONV, MAXPOOL, AVGPOOL -> (long) (outCols - 1) * sw + (long) (kw - 1) * dw + 1;
            default -> outCols;
        };
        return (int) Math.min(x().w(), need);
    }

    /** Multiply-accumulates (convs) for reports. */
    public long macs() {
        if (!conv()) {
            return 0;
        }
        return output.bytes() * kh * kw * (op == Op.DWCONV ? 1 : x().c());
    }
}
