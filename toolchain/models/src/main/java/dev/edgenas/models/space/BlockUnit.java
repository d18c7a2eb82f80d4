package dev.edgenas.models.space;

/**
 * One inverted-residual block found in the graph: MobileNetV2's, or MobileNetV3's with an optional
 * squeeze-excitation between the depthwise unit and the projection.
 *
 * @param label   stable label, {@code s{stage}.b{block}} (1-based, stages as grouped by the reader)
 * @param input   tensor entering the block
 * @param expand  1x1 expand conv, or null for expansion-1 blocks
 * @param dw      depthwise conv
 * @param se      squeeze-excitation after the depthwise unit, or null
 * @param project 1x1 linear projection
 * @param addNode the residual Add node, or null when the block has no residual connection
 * @param output  tensor leaving the block (the Add output for residual blocks)
 */
public record BlockUnit(String label, String input, ConvUnit expand, ConvUnit dw, SqueezeExcite se,
                        ConvUnit project, String addNode,
                        String output) {

    public boolean residual() {
        return addNode != null;
    }

    /** Channels of the depthwise stage, the width the search cuts. */
    public int expandedChannels() {
        return dw.outChannels();
    }
}
