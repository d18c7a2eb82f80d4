package dev.edgenas.models;

/**
 * DeepLabV3+ decoder: the ASPP output is upsampled to the low-level (stride 4) resolution, concatenated
 * with a 1x1 projection of the low-level features, refined by {@code convs} 3x3 conv+BN+ReLU layers and
 * classified by a 1x1 conv with bias.
 *
 * @param lowLevelChannels width of the low-level projection (48 in DeepLabV3+)
 * @param channels         width of each 3x3 refinement conv
 * @param convs            number of 3x3 refinement convs, 0 to {@value #MAX_CONVS}
 */
public record DecoderConfig(int lowLevelChannels, int channels, int convs) {
    public static final int MAX_CONVS = 2;
}
