package dev.edgenas.models;

/**
 * One inverted-residual block as built: absolute channel counts, stride and dilation.
 *
 * @param stage            1-based stage index (row of the table)
 * @param block            1-based block index within the stage
 * @param inChannels       block input channels
 * @param expandedChannels channels of the depthwise conv (= inChannels when there is no expand conv)
 * @param outChannels      block output channels
 * @param hasExpand        whether a 1x1 expand conv exists (t != 1)
 * @param stride           depthwise conv stride
 * @param dilation         depthwise conv dilation
 * @param outputStride     cumulative stride of the block output relative to the input image
 */
public record BlockLayout(int stage, int block, int inChannels, int expandedChannels, int outChannels,
                          boolean hasExpand, int stride, int dilation, int outputStride) {

    /** Name prefix of the block's tensors, e.g. {@code backbone.s2.b1}. */
    public String prefix() {
        return DeepLabNames.block(stage, block);
    }

    /** Residual connection: stride 1 and equal input and output widths. */
    public boolean residual() {
        return stride == 1 && inChannels == outChannels;
    }
}
