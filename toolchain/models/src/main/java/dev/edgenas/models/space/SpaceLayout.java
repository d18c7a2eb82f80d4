package dev.edgenas.models.space;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The choices derived from a {@link DeepLabStructure}, the mapping genome -> {@link SubnetSpec}, the
 * canonical form of genomes (genes that do not change the network are zeroed) and the exact space size.
 */
final class SpaceLayout {
    /** Expanded widths of inverted-residual blocks, as fractions of the pretrained width. */
    static final double[] EXPAND_FRACTIONS = {1.0, 0.75, 0.5, 0.25};
    /** ASPP, low-level and decoder widths: the heads dominate the MACs at stride 4, so they go lower. */
    static final double[] HEAD_FRACTIONS = {1.0, 0.75, 0.5, 0.25, 0.125};

    private final DeepLabStructure s;
    private final List<Choice> choices = new ArrayList<>();
    final int[] depthChoice;
    final int[] widthChoice;
    final int[] branchChoice;
    final int asppWidthChoice;
    final int lowWidthChoice;
    final int decoderWidthChoice;
    final int decoderCountChoice;

    SpaceLayout(DeepLabStructure s) {
        this.s = s;
        depthChoice = new int[s.stages().size()];
        List<BlockUnit> blocks = s.blocks();
        widthChoice = new int[blocks.size()];
        int bi = 0;
        for (int si = 0; si < s.stages().size(); si++) {
            List<BlockUnit> stage = s.stages().get(si);
            List<Integer> depths = new ArrayList<>();
            for (int d = stage.size(); d >= 1; d--) {
                depths.add(d);
            }
            depthChoice[si] = add("depth.s" + (si + 1), Choice.Kind.DEPTH, depths);
            for (BlockUnit b : stage) {
                widthChoice[bi++] = b.expand() == null ? -1
                        : add("expand." + b.label(), Choice.Kind.EXPAND, widths(b.expandedChannels(), EXPAND_FRACTIONS));
            }
        }
        branchChoice = new int[s.branches().size()];
        Set<Integer> rateSet = new java.util.TreeSet<>();
        s.branches().stream().filter(b -> b.kind() == AsppBranch.Kind.ATROUS).forEach(b -> rateSet.add(b.unit().dilation()));
        int atrous = 0;
        for (int i = 0; i < s.branches().size(); i++) {
            AsppBranch b = s.branches().get(i);
            switch (b.kind()) {
                case CONV1X1 -> branchChoice[i] = add("aspp.conv1x1", Choice.Kind.ASPP_CONV1X1, List.of(1, 0));
                case POOL -> branchChoice[i] = add("aspp.pool", Choice.Kind.ASPP_POOL, List.of(1, 0));
                case ATROUS -> {
                    // The pretrained rate first, then the model's other rates: the 3x3 weights are reused.
                    List<Integer> rates = new ArrayList<>(List.of(b.unit().dilation()));
                    rateSet.stream().filter(r -> r != b.unit().dilation()).forEach(rates::add);
                    rates.add(0);
                    branchChoice[i] = add("aspp.atrous" + (++atrous), Choice.Kind.ASPP_ATROUS, rates);
                }
                default -> throw new IllegalStateException();
            }
        }
        asppWidthChoice = add("aspp.width", Choice.Kind.ASPP_WIDTH, widths(s.asppWidth(), HEAD_FRACTIONS));
        lowWidthChoice = !s.hasDecoder() ? -1
                : add("decoder.low", Choice.Kind.LOW_WIDTH, widths(s.decoderLow().outChannels(), HEAD_FRACTIONS));
        int n = s.decoderConvs().size();
        // DeepLabV3 (no decoder): the same choices over the head convs between the ASPP and the classifier
        String head = s.hasDecoder() ? "decoder" : "head";
        decoderWidthChoice = n == 0 ? -1 : add(head + ".width", Choice.Kind.DECODER_WIDTH,
                widths(s.decoderConvs().get(0).outChannels(), HEAD_FRACTIONS));
        List<Integer> counts = new ArrayList<>();
        for (int c = n; c >= 1; c--) {
            counts.add(c);
        }
        decoderCountChoice = n <= 1 ? -1 : add(head + ".convs", Choice.Kind.DECODER_COUNT, counts);
    }

    private int add(String name, Choice.Kind kind, List<Integer> values) {
        choices.add(new Choice(name, kind, values));
        return choices.size() - 1;
    }

    /** Widths for the fractions, rounded to multiples of 8 (4 below 32 channels), distinct, largest first. */
    static List<Integer> widths(int full, double[] fractions) {
        int q = full >= 32 ? 8 : 4;
        Set<Integer> out = new LinkedHashSet<>();
        out.add(full);
        for (double f : fractions) {
            int w = (int) Math.round(full * f / q) * q;
            out.add(Math.max(Math.min(q, full), Math.min(full, w)));
        }
        List<Integer> list = new ArrayList<>(out);
        list.sort((a, b) -> b - a);
        return list;
    }

    List<Choice> choices() {
        return List.copyOf(choices);
    }

    Genome full() {
        return new Genome(new int[choices.size()]);
    }

    /** Zeroes genes without effect (widths of dropped blocks) and keeps at least one ASPP branch. */
    Genome canonical(Genome g) {
        if (g.length() != choices.size()) {
            throw new IllegalArgumentException("genome " + g.key() + " has " + g.length() + " genes, the space has "
                    + choices.size());
        }
        int[] c = g.choices();
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= choices.get(i).options()) {
                throw new IllegalArgumentException("genome " + g.key() + ": gene " + i + " (" + choices.get(i).name()
                        + ") has no option " + c[i]);
            }
        }
        int bi = 0;
        for (int si = 0; si < s.stages().size(); si++) {
            int depth = choices.get(depthChoice[si]).value(c[depthChoice[si]]);
            for (int k = 0; k < s.stages().get(si).size(); k++, bi++) {
                if (k >= depth && widthChoice[bi] >= 0) {
                    c[widthChoice[bi]] = 0;
                }
            }
        }
        boolean any = false;
        for (int i = 0; i < branchChoice.length; i++) {
            any |= choices.get(branchChoice[i]).value(c[branchChoice[i]]) != 0;
        }
        if (!any) {
            c[branchChoice[0]] = 0;
        }
        return new Genome(c);
    }

    SubnetSpec spec(Genome genome) {
        Genome g = canonical(genome);
        List<Integer> depths = new ArrayList<>();
        for (int ci : depthChoice) {
            depths.add(value(g, ci));
        }
        List<Integer> widths = new ArrayList<>();
        List<BlockUnit> blocks = s.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            widths.add(widthChoice[i] < 0 ? blocks.get(i).expandedChannels() : value(g, widthChoice[i]));
        }
        List<Boolean> kept = new ArrayList<>();
        List<Integer> rates = new ArrayList<>();
        for (int i = 0; i < branchChoice.length; i++) {
            int v = value(g, branchChoice[i]);
            kept.add(v != 0);
            rates.add(s.branches().get(i).kind() == AsppBranch.Kind.ATROUS ? (v == 0 ? s.branches().get(i).unit()
                    .dilation() : v) : 1);
        }
        int decW = decoderWidthChoice < 0 ? 0 : value(g, decoderWidthChoice);
        int decN = decoderCountChoice < 0 ? s.decoderConvs().size() : value(g, decoderCountChoice);
        int lowW = lowWidthChoice < 0 ? 0 : value(g, lowWidthChoice);
        return new SubnetSpec(depths, widths, kept, rates, value(g, asppWidthChoice), lowW, decW, decN);
    }

    private int value(Genome g, int choice) {
        return choices.get(choice).value(g.get(choice));
    }

    /** Exact number of distinct subnetworks (= canonical genomes). */
    BigInteger size() {
        BigInteger total = BigInteger.ONE;
        int bi = 0;
        for (int si = 0; si < s.stages().size(); si++) {
            BigInteger stageCount = BigInteger.ZERO;
            BigInteger prefix = BigInteger.ONE;
            for (int k = 0; k < s.stages().get(si).size(); k++, bi++) {
                prefix = prefix.multiply(BigInteger.valueOf(widthChoice[bi] < 0 ? 1 : choices.get(widthChoice[bi]).options()));
                stageCount = stageCount.add(prefix);
            }
            total = total.multiply(stageCount);
        }
        BigInteger branches = BigInteger.ONE;
        for (int ci : branchChoice) {
            branches = branches.multiply(BigInteger.valueOf(choices.get(ci).options()));
        }
        total = total.multiply(branches.subtract(BigInteger.ONE));
        for (int ci : new int[] {asppWidthChoice, lowWidthChoice, decoderWidthChoice, decoderCountChoice}) {
            if (ci >= 0) {
                total = total.multiply(BigInteger.valueOf(choices.get(ci).options()));
            }
        }
        return total;
    }

    @Override
    public String toString() {
        return Arrays.toString(choices.toArray());
    }
}
