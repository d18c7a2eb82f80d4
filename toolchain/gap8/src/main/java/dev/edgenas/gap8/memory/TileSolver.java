package dev.edgenas.gap8.memory;

import dev.edgenas.gap8.codegen.HwcConv;

/**
 * Chooses each layer's L1 tiles: among the tilings whose working set fits the usable L1 (for each channel
 * block and column range, the most rows that fit), the one that costs the fewest cycles moving data
 * ({@link #moveCycles}) and, for convolutions, keeping the 8 cores busy ({@link #computeCycles}),
 * under the kernels' shape constraints: channel blocks of dense and pointwise convs
 * are multiples of 4 (the 4x2 register blocks of en_hwc.c) or all channels; depthwise, pooling and
 * resize blocks cover the same input and output channels; add, mul, lookup and concat split rows (and columns,
 * but concat) only, a per-channel Mul operand is read whole; global
 * pooling needs whole planes. Scratch follows en_hwc_buf_bytes (HwcConv.bufBytes) for all 8 cores.
 */
public final class TileSolver {
    private TileSolver() {
    }

    public static TilePlan solve(MemLayer l, long l1Usable) {
        MemTensor y = l.output();
        TilePlan best = null;
        for (int ch = y.c(); ch >= 1; ch--) {
            if (!channelBlockAllowed(l, ch)) {
                continue;
            }
            // whole rows first; column ranges (ceil(W / n) columns) only when one whole row does not fit
            int lastCols = -1;
            for (int n = 1; n <= (columnsAllowed(l) ? y.w() : 1); n++) {
                int cols = (y.w() + n - 1) / n;
                if (cols == lastCols) {
                    continue;
                }
                lastCols = cols;
                TilePlan t = largestRows(l, ch, cols, l1Usable);
                if (best == null || better(l, t, best)) {
                    best = t;
                }
                if (t.fits()) {
                    break;
                }
            }
        }
        return best;
    }

    /** Cycles a tile costs besides its kernel (DMA set-up, fork over the cores, waits): measured order on GVSOC. */
    static final long TILE_OVERHEAD_CYCLES = 800;
    /** Cluster DMA bytes per cycle L2 -> L1 (GAP8: 64-bit interconnect; what tiles achieve is lower). */
    static final long DMA_BYTES_PER_CYCLE = 4;

    /**
     * What the executor spends moving data for a plan, in cycles: every channel block reloads the input tiles,
     * weights and outputs move once, plus a fixed overhead per tile. The solver minimises it among the plans that fit.
     */
    static long moveCycles(TilePlan t) {
        long in = (long) t.tiles() * t.inTileBytes();
        return in / DMA_BYTES_PER_CYCLE + (long) t.tiles() * TILE_OVERHEAD_CYCLES;
    }

    private static boolean better(MemLayer l, TilePlan t, TilePlan best) {
        if (t.fits() != best.fits()) {
            return t.fits();
        }
        return t.fits() ? moveCycles(t) + computeCycles(l, t) < moveCycles(best) + computeCycles(l, best)
                : t.l1Bytes() < best.l1Bytes();
    }

    /** Single-core MAC/cycle of the Xpulp 4x2 dot loop on GVSOC, x16 (1.6 MAC/cycle, docs/GAP8.md). */
    static final long MACS_PER_CYCLE_X16 = 26;
    /** Cycles of one output's requantisation (mulh, round, shift, zero point, clamp, store). */
    static final long REQUANT_CYCLES = 13;

    /**
     * Kernel cycles of a dense or pointwise conv's tiles on their busiest core (0 for other layers): en_hwc.c splits
     * a tile's pixel pairs over the 8 cores, or, with fewer pairs than cores, its 4-channel blocks; each core also
     * builds its im2col columns, folds the zero point into its channels' biases and requantises its outputs. Tiles
     * too small to keep 8 cores busy (a 3x3 conv over 176 channels with 1 x 7 pixel tiles ran at 2.3 MAC/cycle) cost
     * their idle cores here, so the solver prefers fewer channels per block and more pixels per tile.
     */
    static long computeCycles(MemLayer l, TilePlan t) {
        if (l.op() != MemLayer.Op.CONV && l.op() != MemLayer.Op.PWCONV) {
            return 0;
        }
        long k = (long) l.kh() * l.kw() * l.x().c();
        long pairs = ((long) t.rows() * t.cols() + 1) / 2;
        long cores = HwcConv.CORES;
        long pairsPerCore;
        long chPerCore;
        if (pairs >= cores) {
            pairsPerCore = (pairs + cores - 1) / cores;
            chPerCore = t.channels();
        } else {
            pairsPerCore = pairs;
            chPerCore = 4 * (((t.channels() + 3) / 4 + cores - 1) / cores);
        }
        long dot = pairsPerCore * 2 * chPerCore * k * 16 / MACS_PER_CYCLE_X16;
        long im2col = l.op() == MemLayer.Op.CONV ? pairsPerCore * k : 0;
        long bias = chPerCore * k / 4;
        long requant = pairsPerCore * 2 * chPerCore * REQUANT_CYCLES;
        return (long) t.tiles() * (dot + im2col + bias + requant);
    }

    /** The tile with the most rows of {@code cols} x {@code ch} that fits (or the one-row tile when none does). */
    private static TilePlan largestRows(MemLayer l, int ch, int cols, long budget) {
        int lo = 1;
        int hi = rowsMax(l);
        TilePlan one = tile(l, ch, 1, cols, budget);
        if (!one.fits()) {
            return one;
        }
        while (lo < hi) { // L1 bytes grow with rows: binary search for the largest fitting count
            int mid = (lo + hi + 1) / 2;
            if (tile(l, ch, mid, cols, budget).fits()) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return tile(l, ch, lo, cols, budget);
    }

    private static boolean columnsAllowed(MemLayer l) {
        return switch (l.op()) {
            case CONV, PWCONV, DWCONV, MAXPOOL, AVGPOOL, ADD, LUT, MUL -> true;
            default -> false; // resize and concat rows stay whole; global pooling needs whole planes
        };
    }

    private static int rowsMax(MemLayer l) {
        return l.op() == MemLayer.Op.GAP ? 1 : l.output().h();
    }

    static boolean channelBlockAllowed(MemLayer l, int ch) {
        int c = l.output().c();
        if (ch == c) {
            return true;
        }
        return switch (l.op()) {
            case CONV, PWCONV, DWCONV -> ch % 4 == 0;
            case MAXPOOL, AVGPOOL, GAP, RESIZE -> ch % 4 == 0;
            case ADD, CONCAT, LUT, MUL -> false;
        };
    }

    /** The tile of {@code rows} x {@code ch} and what it holds in L1. */
    static TilePlan tile(MemLayer l, int ch, int rows, int cols, long budget) {
        MemTensor y = l.output();
        long in = 0;
        for (MemTensor x : l.inputs()) {
            in += inputTileBytes(l, x, ch, rows, cols);
        }
        long out = align((long) rows * cols * ch);
        long w = align(l.weightBytes(ch));
        long scratch = HwcConv.CORES * scratchPerCore(l, ch, cols);
        int rowTiles = (y.h() + rows - 1) / rows;
        int colTiles = (y.w() + cols - 1) / cols;
        int chTiles = (y.c() + ch - 1) / ch;
        boolean multi = rowTiles * colTiles * chTiles > 1;
        long l1 = (multi ? 2 : 1) * (in + out) + w + scratch;
        return new TilePlan(l.name(), l.op().name().toLowerCase(), rows, cols, ch, rowTiles, colTiles, chTiles, in, out, w,
                scratch, l1,
                false).withFit(budget);
    }

    /** Bytes of input {@code x} that a tile of {@code rows} x {@code ch} outputs reads. */
    static long inputTileBytes(MemLayer l, MemTensor x, int ch, int rows, int cols) {
        boolean perChannel = switch (l.op()) {
            case DWCONV, MAXPOOL, AVGPOOL, GAP, RESIZE -> true;
            default -> false;
        };
        if (l.op() == MemLayer.Op.MUL && x.h() == 1 && x.w() == 1) {
            return align(x.c()); // one value per channel, read whole by every tile
        }
        boolean elementwise = l.op() == MemLayer.Op.ADD || l.op() == MemLayer.Op.CONCAT || l.op() == MemLayer.Op.LUT
                || l.op() == MemLayer.Op.MUL;
        int inRows = elementwise ? rows : l.inRows(rows);
        int inCols = elementwise || cols == l.output().w() ? Math.min(x.w(), cols == l.output().w() ? x.w() : cols)
                : l.inCols(cols);
        return align((long) inRows * inCols * (perChannel ? ch : x.c()));
    }

    private static long scratchPerCore(MemLayer l, int ch, int cols) {
        MemTensor x = l.x();
        MemTensor y = l.output();
        return switch (l.op()) {
            case CONV -> HwcConv.bufBytes(HwcConv.CONV, x.c(), ch, cols, l.kh(), l.kw(), l.sw(), l.dw());
            case PWCONV -> HwcConv.bufBytes(HwcConv.PW, x.c(), ch, cols, 1, 1, l.sw(), 1);
            case DWCONV -> HwcConv.bufBytes(HwcConv.DW, ch, ch, cols, l.kh(), l.kw(), l.sw(), l.dw());
            default -> 0;
        };
    }

    static long align(long n) {
        return (n + 3) & ~3L;
    }
}
