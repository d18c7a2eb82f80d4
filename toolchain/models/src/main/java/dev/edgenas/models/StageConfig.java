package dev.edgenas.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One row of the MobileNetV2 inverted-residual table, plus optional per-block expanded widths.
 *
 * @param expansion        t: expansion ratio; 1 means the block has no expand 1x1 conv (as in MobileNetV2)
 * @param channels         c: output channels before the width multiplier is applied
 * @param repeats          n: number of blocks (at least 1: the first block carries the stride)
 * @param stride           s: stride of the first block (1 or 2); turned into dilation past the output stride
 * @param expandedChannels empty = every block expands to t x its input channels; otherwise one absolute
 *                         width per block (after the width multiplier), as the search produces when it
 *                         keeps only part of a block's expanded channels
 */
public record StageConfig(int expansion, int channels, int repeats, int stride, List<Integer> expandedChannels) {

    public StageConfig {
        // Copy, but keep null entries so that validation can name them instead of failing here.
        expandedChannels = expandedChannels == null ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(expandedChannels));
    }

    /** A standard row: every block expands by t. */
    public static StageConfig of(int t, int c, int n, int s) {
        return new StageConfig(t, c, n, s, List.of());
    }

    public StageConfig withRepeats(int n) {
        return new StageConfig(expansion, channels, n, stride, List.of());
    }

    /** Same row with explicit expanded widths, one per block; the repeat count follows the list. */
    public StageConfig withExpandedChannels(List<Integer> widths) {
        return new StageConfig(expansion, channels, widths.size(), stride, widths);
    }
}
