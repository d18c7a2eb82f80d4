package dev.edgenas.models;

import java.util.ArrayList;
import java.util.List;

/**
 * The resolved backbone: absolute widths, strides and dilations of every block. Output stride follows
 * DeepLab: once the cumulative stride equals the target, each later stride s multiplies the dilation
 * instead; the first block of such a stage keeps the previous dilation, later blocks use the new one.
 *
 * @param stemChannels   stem conv output channels
 * @param blocks         all blocks in order
 * @param lowLevelBlock  index into blocks of the block whose output feeds the decoder (the last block at
 *                       stride 4), or -1 if there is none
 * @param reachedStride  cumulative stride of the last block (should equal the configured output stride)
 */
public record BackboneLayout(int stemChannels, List<BlockLayout> blocks, int lowLevelBlock, int reachedStride) {
    /** Stride of the stem conv. */
    public static final int STEM_STRIDE = 2;
    /** Resolution of the decoder's low-level features. */
    public static final int LOW_LEVEL_STRIDE = 4;

    public BackboneLayout {
        blocks = List.copyOf(blocks);
    }

    /** Resolves a config; assumes the per-field checks of the validator have passed. */
    static BackboneLayout of(BackboneConfig cfg) {
        int stem = cfg.scaled(cfg.stemChannels());
        List<BlockLayout> blocks = new ArrayList<>();
        int in = stem;
        int current = STEM_STRIDE;
        int dilation = 1;
        int low = -1;
        for (int si = 0; si < cfg.stages().size(); si++) {
            StageConfig st = cfg.stages().get(si);
            int out = cfg.scaled(st.channels());
            int previousDilation = dilation;
            int stride;
            if (current == cfg.outputStride()) {
                stride = 1;
                dilation *= st.stride();
            } else {
                stride = st.stride();
                current *= st.stride();
            }
            for (int bi = 0; bi < st.repeats(); bi++) {
                boolean hasExpand = st.expansion() != 1;
                int expanded = !st.expandedChannels().isEmpty() ? st.expandedChannels().get(bi)
                        : hasExpand ? in * st.expansion() : in;
                blocks.add(new BlockLayout(si + 1, bi + 1, in, expanded, out, hasExpand,
                        bi == 0 ? stride : 1, bi == 0 ? previousDilation : dilation, current));
                in = out;
            }
            if (current == LOW_LEVEL_STRIDE) {
                low = blocks.size() - 1;
            }
        }
        return new BackboneLayout(stem, blocks, low, current);
    }

    public BlockLayout lowLevel() {
        return blocks.get(lowLevelBlock);
    }

    public BlockLayout last() {
        return blocks.get(blocks.size() - 1);
    }

    /** Channels entering the ASPP. */
    public int highLevelChannels() {
        return last().outChannels();
    }

    public int lowLevelChannels() {
        return lowLevel().outChannels();
    }
}
