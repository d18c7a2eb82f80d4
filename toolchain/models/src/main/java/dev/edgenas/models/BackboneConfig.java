package dev.edgenas.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * MobileNetV2 backbone without its final 1x1 conv (the DeepLab heads take the last inverted-residual
 * stage directly).
 *
 * @param widthMultiplier scales the stem and stage channels; results are rounded to a multiple of 8
 *                        (never below 8, never more than 10% under the scaled value)
 * @param outputStride    8 or 16: once the cumulative stride reaches it, later strides become dilation
 * @param stemChannels    stem 3x3 stride-2 conv width before the multiplier (32 in MobileNetV2)
 * @param stages          the (t, c, n, s) table
 */
public record BackboneConfig(double widthMultiplier, int outputStride, int stemChannels, List<StageConfig> stages) {

    public BackboneConfig {
        stages = stages == null ? null : Collections.unmodifiableList(new ArrayList<>(stages));
    }

    /** The MobileNetV2 table of Sandler et al. (2018), 7 stages, 17 blocks. */
    public static List<StageConfig> mobileNetV2Stages() {
        return List.of(
                StageConfig.of(1, 16, 1, 1),
                StageConfig.of(6, 24, 2, 2),
                StageConfig.of(6, 32, 3, 2),
                StageConfig.of(6, 64, 4, 2),
                StageConfig.of(6, 96, 3, 1),
                StageConfig.of(6, 160, 3, 2),
                StageConfig.of(6, 320, 1, 1));
    }

    public static BackboneConfig mobileNetV2(double widthMultiplier, int outputStride) {
        return new BackboneConfig(widthMultiplier, outputStride, 32, mobileNetV2Stages());
    }

    public BackboneConfig withStages(List<StageConfig> newStages) {
        return new BackboneConfig(widthMultiplier, outputStride, stemChannels, newStages);
    }

    public BackboneConfig withOutputStride(int os) {
        return new BackboneConfig(widthMultiplier, os, stemChannels, stages);
    }

    /** The usual MobileNetV2 channel rounding: nearest multiple of 8, at least 8, at most 10% below. */
    public static int makeDivisible(double value, int divisor) {
        int v = Math.max(divisor, (int) (value + divisor / 2.0) / divisor * divisor);
        if (v < 0.9 * value) {
            v += divisor;
        }
        return v;
    }

    /** A channel count from the table after the width multiplier. */
    public int scaled(int baseChannels) {
        return makeDivisible(baseChannels * widthMultiplier, 8);
    }
}
