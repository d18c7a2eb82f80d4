package dev.edgenas.models.space;

/**
 * A MobileNetV3 squeeze-excitation inside a block: {@code GlobalAveragePool -> fc1 (1x1 Conv + Relu) -> fc2
 * (1x1 Conv) -> HardSigmoid -> Mul(gate, features)} between the depthwise unit and the projection. fc1's inputs and
 * fc2's outputs are the block's expanded channels, so they are cut with it; fc1's outputs (the squeezed width)
 * stay.
 *
 * @param fc1    the reducing 1x1 conv
 * @param fc2    the expanding 1x1 conv (before the HardSigmoid gate)
 * @param output the Mul's output, the projection's input
 */
public record SqueezeExcite(ConvUnit fc1, ConvUnit fc2, String output) {
}
