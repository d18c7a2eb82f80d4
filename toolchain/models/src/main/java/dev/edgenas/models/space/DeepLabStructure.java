package dev.edgenas.models.space;

import java.util.List;

/**
 * What the search space is derived from: the DeepLabV3+ parts recognised in an ONNX graph.
 *
 * @param input          graph input tensor
 * @param stem           first conv (fixed)
 * @param stages         backbone blocks grouped into stages; within a stage every block after the first
 *                       is residual, so trailing blocks can be dropped (they become identities)
 * @param tail           fixed convs between the last block and the ASPP (e.g. MobileNetV2's last 1x1), often
 *                       none
 * @param lowLevel       backbone tensor that feeds the decoder's low-level projection (null: DeepLabV3 without
 *                       decoder; so are decoderLow and decoderConcat, and the positions are -1)
 * @param branches       ASPP branches in concat order
 * @param asppConcat     name of the ASPP Concat node, or null when there is a single branch
 * @param asppProject    the ASPP 1x1 projection
 * @param decoderLow     the decoder's low-level 1x1 projection
 * @param decoderConcat  name of the decoder Concat node
 * @param asppPosition   position of the (upsampled) ASPP output among the decoder concat inputs
 * @param lowPosition    position of the low-level projection among the decoder concat inputs
 * @param decoderConvs   3x3 refinement convs in order (may be empty); without decoder, the head convs between
 *                       the ASPP projection and the classifier
 * @param classifier     final 1x1 conv with bias producing the class logits
 */
public record DeepLabStructure(String input, ConvUnit stem, List<List<BlockUnit>> stages, List<ConvUnit> tail,
                               String lowLevel, List<AsppBranch> branches, String asppConcat, ConvUnit asppProject,
                               ConvUnit decoderLow, String decoderConcat, int asppPosition, int lowPosition,
                               List<ConvUnit> decoderConvs, ConvUnit classifier) {

    public DeepLabStructure {
        stages = stages.stream().map(List::copyOf).toList();
        tail = List.copyOf(tail);
        branches = List.copyOf(branches);
        decoderConvs = List.copyOf(decoderConvs);
    }

    /** Whether the head is DeepLabV3+'s (low-level projection and concat) rather than DeepLabV3's. */
    public boolean hasDecoder() {
        return decoderLow != null;
    }

    public List<BlockUnit> blocks() {
        return stages.stream().flatMap(List::stream).toList();
    }

    /** ASPP branch width (every branch has the same width in the recognised pattern). */
    public int asppWidth() {
        return branches.get(0).unit().outChannels();
    }
}
