package dev.edgenas.models.space;

import dev.edgenas.models.AsppConfig;
import dev.edgenas.models.BlockLayout;
import dev.edgenas.models.DeepLabConfig;
import dev.edgenas.models.DecoderConfig;
import dev.edgenas.models.StageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link DeepLabConfig} of a subnetwork of an edgenas-built model, so that a cut model keeps an exact
 * architecture description: building it with {@code DeepLabV3PlusBuilder} gives the same tensor names and
 * shapes. Empty when the parent's config does not line up with the recognised structure.
 */
final class SubnetConfig {
    private SubnetConfig() {
    }

    static Optional<DeepLabConfig> of(DeepLabConfig parent, DeepLabStructure s, SubnetSpec spec) {
        List<StageConfig> stages = parent.backbone().stages();
        List<BlockLayout> layout = parent.backboneLayout().blocks();
        if (!s.hasDecoder() || stages.size() != s.stages().size() || layout.size() != s.blocks().size()) {
            return Optional.empty();
        }
        List<StageConfig> out = new ArrayList<>();
        int bi = 0;
        for (int si = 0; si < stages.size(); si++) {
            StageConfig st = stages.get(si);
            if (st.repeats() != s.stages().get(si).size()) {
                return Optional.empty();
            }
            int depth = spec.depths().get(si);
            List<Integer> widths = new ArrayList<>();
            boolean cut = false;
            for (int k = 0; k < st.repeats(); k++, bi++) {
                if (k < depth) {
                    widths.add(spec.widths().get(bi));
                    cut |= spec.widths().get(bi) != layout.get(bi).expandedChannels();
                }
            }
            boolean explicit = !st.expandedChannels().isEmpty() || cut;
            out.add(explicit && st.expansion() != 1 ? st.withExpandedChannels(widths) : st.withRepeats(depth));
        }
        AsppConfig a = parent.aspp();
        List<Integer> rates = new ArrayList<>(a.rates());
        List<Boolean> atrous = new ArrayList<>(a.atrous());
        boolean conv1x1 = false;
        boolean pool = false;
        int next = 0;
        for (int i = 0; i < s.branches().size(); i++) {
            AsppBranch b = s.branches().get(i);
            boolean kept = spec.branchKept().get(i);
            switch (b.kind()) {
                case CONV1X1 -> conv1x1 = kept;
                case POOL -> pool = kept;
                case ATROUS -> {
                    while (next < atrous.size() && !atrous.get(next)) {
                        next++;
                    }
                    if (next >= atrous.size()) {
                        return Optional.empty();
                    }
                    atrous.set(next, kept);
                    rates.set(next, spec.rates().get(i));
                    next++;
                }
                default -> throw new IllegalStateException();
            }
        }
        AsppConfig aspp = new AsppConfig(spec.asppWidth(), rates, atrous, conv1x1, pool, a.projection());
        DecoderConfig d = new DecoderConfig(spec.lowWidth(),
                spec.decoderConvs() == 0 ? parent.decoder().channels() : spec.decoderWidth(), spec.decoderConvs());
        return Optional.of(parent.withBackbone(parent.backbone().withStages(out)).withAspp(aspp).withDecoder(d));
    }
}
