package dev.edgenas.models.space;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import dev.edgenas.core.BadInputException;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.models.DeepLabConfig;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The FMAS search space of one pretrained DeepLabV3+: every subnetwork that can be cut out of its weights
 * without retraining (see docs/SEARCH.md). Choices, all derived from the graph: depth of each backbone
 * stage, expanded width of each inverted-residual block, which ASPP branches are kept and the rate of each
 * atrous branch, ASPP width, decoder low-level width, decoder conv width and count. Immutable and thread-safe.
 */
public final class SearchSpace {
    /** Model property holding the genome key of a cut subnetwork. */
    public static final String GENOME_KEY = "edgenas.search.genome";

    private final ModelProto pretrained;
    private final Path source;
    private final DeepLabStructure structure;
    private final SpaceLayout layout;
    private final Map<String, int[]> orders;
    private final DeepLabConfig config;

    private SearchSpace(ModelProto pretrained, Path source) {
        this.pretrained = pretrained;
        this.source = source;
        Graph g = Graph.of(pretrained, source);
        this.structure = StructureReader.read(g);
        this.layout = new SpaceLayout(structure);
        this.orders = ChannelImportance.of(g, structure);
        this.config = ModelMetadata.property(pretrained, ModelMetadata.ARCHITECTURE_KEY).flatMap(json -> {
            try {
                return Optional.of(DeepLabConfig.fromJson(json, "architecture"));
            } catch (BadInputException e) {
                return Optional.empty();
            }
        }).orElse(null);
    }

    /** Recognises the model's DeepLabV3+ structure; a BadInputException naming the file and node otherwise. */
    public static SearchSpace of(ModelProto pretrained, Path source) {
        return new SearchSpace(pretrained, source);
    }

    public ModelProto pretrained() {
        return pretrained;
    }

    public Path source() {
        return source;
    }

    public DeepLabStructure structure() {
        return structure;
    }

    public List<Choice> choices() {
        return layout.choices();
    }

    /** A uniformly random option per choice, in canonical form. */
    public Genome sample(RandomGenerator rng) {
        List<Choice> cs = layout.choices();
        int[] c = new int[cs.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = rng.nextInt(cs.get(i).options());
        }
        return layout.canonical(new Genome(c));
    }

    /** The pretrained network itself (every option 0). */
    public Genome full() {
        return layout.full();
    }

    /**
     * The canonical form: genes without effect (widths of dropped blocks) are zeroed and a genome that drops
     * every ASPP branch keeps the first one. Two genomes give the same network iff their canonical forms are equal.
     */
    public Genome canonical(Genome g) {
        return layout.canonical(g);
    }

    /** Whether a choice changes the backbone (stage depths, expanded widths) rather than the ASPP or decoder. */
    public static boolean backbone(Choice c) {
        return c.kind() == Choice.Kind.DEPTH || c.kind() == Choice.Kind.EXPAND;
    }

    /** The genome with every backbone choice at the pretrained option (0), in canonical form. */
    public Genome fixBackbone(Genome g) {
        int[] c = g.choices().clone();
        List<Choice> cs = layout.choices();
        for (int i = 0; i < c.length; i++) {
            if (backbone(cs.get(i))) {
                c[i] = 0;
            }
        }
        return layout.canonical(new Genome(c));
    }

    /** Whether the genome keeps the pretrained backbone, so that only its head differs from the full network. */
    public boolean hasFullBackbone(Genome g) {
        int[] c = layout.canonical(g).choices();
        List<Choice> cs = layout.choices();
        for (int i = 0; i < c.length; i++) {
            if (backbone(cs.get(i)) && c[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The backbone tensors the head reads, low-level features first (when there is a decoder), then the features
     * entering the ASPP. With the
     * backbone fixed they have the same names and values in every subnetwork.
     */
    public List<String> backboneOutputs() {
        String high = structure.tail().isEmpty() ? structure.blocks().get(structure.blocks().size() - 1).output()
                : structure.tail().get(structure.tail().size() - 1).output();
        return structure.hasDecoder() ? List.of(structure.lowLevel(), high) : List.of(high);
    }

    public SubnetSpec spec(Genome g) {
        return layout.spec(g);
    }

    /**
     * The subnetwork, weights cut from the pretrained model by importance order, BatchNorm statistics as they
     * are (recalibrate them before scoring). Keeps the preprocessing metadata; updates the architecture
     * metadata when the model has one, and records the genome under {@link #GENOME_KEY}.
     */
    public ModelProto subnet(Genome g) {
        Genome c = layout.canonical(g);
        SubnetSpec spec = layout.spec(c);
        ModelProto m = SubnetCutter.cut(pretrained, structure, orders, spec);
        if (config != null) {
            Optional<DeepLabConfig> sub = SubnetConfig.of(config, structure, spec);
            m = sub.isPresent() ? ModelMetadata.withProperty(m, ModelMetadata.ARCHITECTURE_KEY, sub.get().toJson())
                    : without(m, ModelMetadata.ARCHITECTURE_KEY);
        }
        return ModelMetadata.withProperty(m, GENOME_KEY, c.key());
    }

    private static ModelProto without(ModelProto m, String key) {
        ModelProto.Builder b = m.toBuilder().clearMetadataProps();
        for (StringStringEntryProto p : m.getMetadataPropsList()) {
            if (!p.getKey().equals(key)) {
                b.addMetadataProps(p);
            }
        }
        return b.build();
    }

    /** Every distinct kernel key some subnetwork contains, exactly (see {@link KernelEnumerator}). */
    public Set<KernelKey> enumerateKernels(int batch, String precision) {
        return KernelEnumerator.enumerate(this, batch, precision);
    }

    /**
     * Number of distinct subnetworks (canonical genomes). When that exceeds {@link Long#MAX_VALUE} this returns
     * ceil(log10(count)) instead, which is always far smaller than any count that fits: use {@link #exactSize()}
     * or {@link #log10Size()} to avoid the ambiguity.
     */
    public long size() {
        BigInteger n = exactSize();
        return n.bitLength() < 63 ? n.longValue() : (long) Math.ceil(log10Size());
    }

    public BigInteger exactSize() {
        return layout.size();
    }

    public double log10Size() {
        BigInteger n = exactSize();
        int shift = Math.max(0, n.bitLength() - 60);
        return Math.log10(n.shiftRight(shift).doubleValue()) + shift * Math.log10(2);
    }

    /** The kept channels of a cut group at a width (for tests and diagnostics). */
    int[] kept(String group, int width) {
        return ChannelImportance.keep(orders.get(group), width);
    }

    /** A one-line description of every choice, for reports. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Choice c : layout.choices()) {
            sb.append(c.name()).append(' ').append(c.values()).append('\n');
        }
        sb.append(String.format("size %s (10^%.2f)%n", exactSize(), log10Size()));
        return sb.toString();
    }
}
