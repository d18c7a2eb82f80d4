package dev.edgenas.deploy.gap8;

/**
 * Per-layer L1 plan: does the whole layer (inputs, output, parameters) fit the usable L1, and if
 * not, how many output rows per tile do (input rows follow from kernel, stride and dilation), or
 * how many channels per tile when parameters are too large for even one row.
 */
final class L1Tiling {
    private L1Tiling() {
    }

    static MemoryPlan.LayerPlan plan(IntLayer l, long budget) {
        QTensor y = l.output();
        long params = MemoryPlanner.align(l.paramBytes());
        long whole = params + MemoryPlanner.align(y.bytes());
        for (QTensor t : l.inputs()) {
            whole += MemoryPlanner.align(t.bytes());
        }
        String in = l.inputs().get(0).name();
        if (whole <= budget) {
            return new MemoryPlan.LayerPlan(l.name(), l.kernel(), in, y.name(), whole, "whole", y.h(), y.c(), 1, whole);
        }
        if (!(l instanceof IntLayer.GlobalAvgPool)) {
            for (int rows = y.h() - 1; rows >= 1; rows--) {
                long b = rowTileBytes(l, rows) + params;
                if (b <= budget) {
                    int tiles = (y.h() + rows - 1) / rows;
                    return new MemoryPlan.LayerPlan(l.name(), l.kernel(), in, y.name(), whole, "row-tiles", rows, y.c(),
                            tiles, b);
                }
            }
        }
        // channel tiles of one output row each (or whole planes for global pooling)
        for (int ch = y.c(); ch >= 1; ch--) {
            long b = channelTileBytes(l, ch);
            if (b <= budget) {
                int tiles = (y.c() + ch - 1) / ch * (l instanceof IntLayer.GlobalAvgPool ? 1 : y.h());
                return new MemoryPlan.LayerPlan(l.name(), l.kernel(), in, y.name(), whole, "channel-tiles",
                        l instanceof IntLayer.GlobalAvgPool ? y.h() : 1, ch, tiles, b);
            }
        }
        return new MemoryPlan.LayerPlan(l.name(), l.kernel(), in, y.name(), whole, "channel-tiles", 1, 1,
                y.c() * y.h(), channelTileBytes(l, 1));
    }

    /** Activation bytes of a tile of {@code rows} output rows, all channels. */
    private static long rowTileBytes(IntLayer l, int rows) {
        QTensor y = l.output();
        long out = (long) y.c() * rows * y.w();
        if (l instanceof IntLayer.Conv c) {
            return out + (long) c.x().c() * inRows(rows, c.kh(), c.sh(), c.dh(), c.x().h()) * c.x().w();
        }
        if (l instanceof IntLayer.Pool p) {
            return out + (long) p.x().c() * inRows(rows, p.kh(), p.sh(), 1, p.x().h()) * p.x().w();
        }
        if (l instanceof IntLayer.Resize r) {
            return out + (long) r.x().c() * Math.min(r.x().h(), (long) Math.ceil((double) rows * r.x().h() / y.h()) + 2)
                    * r.x().w();
        }
        if (l instanceof IntLayer.Add) {
            return 3 * out;
        }
        if (l instanceof IntLayer.Concat) {
            return 2 * out;
        }
        return Long.MAX_VALUE / 4;
    }

    /** L1 bytes of {@code ch} output channels for one output row (whole planes for global pooling). */
    private static long channelTileBytes(IntLayer l, int ch) {
        QTensor y = l.output();
        if (l instanceof IntLayer.Conv c) {
            long perOut = (long) (c.x().c() / c.groups()) * c.kh() * c.kw() + 9;
            long inCh = c.depthwise() ? ch : c.x().c();
            return ch * perOut + (long) ch * y.w() + inCh * inRows(1, c.kh(), c.sh(), c.dh(), c.x().h()) * c.x().w();
        }
        if (l instanceof IntLayer.GlobalAvgPool gp) {
            return (long) ch * gp.x().h() * gp.x().w() + ch;
        }
        return (long) ch * y.w() * (l.inputs().size() + 1) * 3;
    }

    private static long inRows(int outRows, int k, int s, int d, int inH) {
        return Math.min(inH, (long) (outRows - 1) * s + (long) (k - 1) * d + 1);
    }
}
