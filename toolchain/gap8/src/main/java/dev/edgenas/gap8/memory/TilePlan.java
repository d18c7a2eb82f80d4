package dev.edgenas.gap8.memory;

/**
 * How one layer runs through L1: tiles of {@code rows} output rows by {@code cols} output columns by
 * {@code channels} output channels (HWC activations: a tile of whole rows and all channels is one
 * contiguous DMA, a column range or a channel block a 2-D one).
 * With more than one tile the input and output tiles are double-buffered (the DMA fills the next
 * while the cores work on the current one). Weight chunks are double-buffered in L2 (the next
 * chunk streams in from HyperRAM while the current one computes), one chunk at a time in L1.
 *
 * @param inTileBytes     bytes of all inputs one tile reads
 * @param outTileBytes    bytes of one output tile
 * @param weightChunkBytes weights, bias, multipliers and shifts of one channel block
 * @param scratchBytes    HWC kernel scratch of all cores (im2col columns, folded biases, dw rows)
 * @param l1Bytes         what the layer holds in L1 at once
 * @param fits            l1Bytes within the usable L1
 */
public record TilePlan(String layer, String op, int rows, int cols, int channels, int rowTiles, int colTiles,
                       int channelTiles,
                       long inTileBytes, long outTileBytes, long weightChunkBytes, long scratchBytes, long l1Bytes,
                       boolean fits) {
    public int tiles() {
        return rowTiles * colTiles * channelTiles;
    }

    TilePlan withFit(long budget) {
        return new TilePlan(layer, op, rows, cols, channels, rowTiles, colTiles, channelTiles, inTileBytes, outTileBytes,
                weightChunkBytes, scratchBytes, l1Bytes, l1Bytes <= budget);
    }

    public boolean doubleBuffered() {
        return tiles() > 1;
    }
}
