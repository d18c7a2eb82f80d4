package dev.edgenas.models.space;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.edgenas.core.BadInputException;
import dev.edgenas.ir.Attrs;
import dev.edgenas.ir.Graph;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Recognises the ASPP and, after it, either the DeepLabV3+ decoder or DeepLabV3's head without decoder (3x3 convs
 * and the classifier straight on the ASPP output, as torchvision's DeepLabHead) (see {@link StructureReader}).
 */
final class HeadReader {
    private final Graph g;
    private final ConvUnitReader units;
    private final BiFunction<String, String, BadInputException> fail;

    HeadReader(Graph g, ConvUnitReader units, BiFunction<String, String, BadInputException> fail) {
        this.g = g;
        this.units = units;
        this.fail = fail;
    }

    /** A tensor and the first non-pass-through node after it (null if the chain forks or ends). */
    private record Reach(String tensor, NodeProto node) {
    }

    private Reach follow(String t) {
        NodeProto n = units.single(t);
        while (n != null && StructureReader.passThrough(n)) {
            t = n.getOutput(0);
            n = units.single(t);
        }
        return new Reach(t, n);
    }

    DeepLabStructure read(String input, ConvUnit stem, List<List<BlockUnit>> stages, List<ConvUnit> tail,
                          String high) {
        List<NodeProto> consumers = g.consumers(high).stream().filter(n -> !n.getOpType().equals("Shape")).toList();
        if (consumers.size() < 2) {
            throw fail.apply("tensor " + high, "the backbone output must feed at least two ASPP branches");
        }
        List<AsppBranch> branches = new ArrayList<>();
        NodeProto concat = null;
        for (NodeProto n : consumers) {
            AsppBranch.Kind kind;
            ConvUnit u;
            if (n.getOpType().equals("Conv")) {
                u = units.read(n);
                kind = u.kernel() == 1 ? AsppBranch.Kind.CONV1X1 : AsppBranch.Kind.ATROUS;
                if (kind == AsppBranch.Kind.ATROUS) {
                    checkSamePadding(n, u);
                }
            } else if (StructureReader.isGlobalPool(n)) {
                NodeProto c = units.single(n.getOutput(0));
                if (c == null || !c.getOpType().equals("Conv")) {
                    throw g.error(n, "image pooling must be followed by a single 1x1 Conv");
                }
                u = units.read(c);
                kind = AsppBranch.Kind.POOL;
            } else {
                throw g.error(n, "unexpected consumer of the backbone output (ASPP branches are Conv or global pooling)");
            }
            if (u.groups() != 1) {
                throw g.error(n, "grouped ASPP branch convs are not supported");
            }
            Reach r = follow(u.output());
            if (r.node() == null || !r.node().getOpType().equals("Concat") || Attrs.getInt(r.node(), "axis", 0) != 1) {
                throw fail.apply("tensor " + u.output(), "ASPP branch does not end in a channel Concat");
            }
            if (concat != null && concat != r.node()) {
                throw g.error(r.node(), "ASPP branches end in different Concat nodes");
            }
            concat = r.node();
            branches.add(new AsppBranch(kind, u, r.tensor(), concat.getInputList().indexOf(r.tensor())));
        }
        if (concat.getInputCount() != branches.size()) {
            throw g.error(concat, "the ASPP concat has inputs that are not branches");
        }
        branches.sort(java.util.Comparator.comparingInt(AsppBranch::position));
        int width = branches.get(0).unit().outChannels();
        for (AsppBranch b : branches) {
            if (b.unit().outChannels() != width) {
                throw fail.apply("node " + b.unit().convNode(), "ASPP branches must share one width, " + width
                        + " vs " + b.unit().outChannels());
            }
        }
        Reach afterConcat = follow(concat.getOutput(0));
        if (afterConcat.node() == null || !afterConcat.node().getOpType().equals("Conv")) {
            throw g.error(concat, "the ASPP concat must feed a 1x1 projection Conv");
        }
        ConvUnit project = units.read(afterConcat.node());
        if (!project.pointwise()) {
            throw g.error(afterConcat.node(), "the ASPP projection must be a 1x1 Conv");
        }
        return decoder(input, stem, stages, tail, branches, ConvUnitReader.name(concat), project);
    }

    private void checkSamePadding(NodeProto n, ConvUnit u) {
        long[] pads = Attrs.getInts(n, "pads");
        long want = (long) u.dilation() * (u.kernel() - 1) / 2;
        long[] strides = Attrs.getInts(n, "strides");
        boolean ok = pads != null && pads.length == 4 && (strides == null || (strides[0] == 1 && strides[1] == 1));
        for (int i = 0; ok && i < 4; i++) {
            ok = pads[i] == want;
        }
        if (!ok) {
            throw g.error(n, "atrous ASPP convs need stride 1 and explicit 'same' pads (dilation*(k-1)/2) so that "
                    + "their rate can change");
        }
    }

    private DeepLabStructure decoder(String input, ConvUnit stem, List<List<BlockUnit>> stages, List<ConvUnit> tail,
                                     List<AsppBranch> branches, String asppConcat, ConvUnit project) {
        Reach r = follow(project.output());
        NodeProto cat = r.node();
        if (cat != null && cat.getOpType().equals("Conv")) {
            // DeepLabV3: no decoder, the head convs read the ASPP output
            List<ConvUnit> convs = new ArrayList<>();
            ConvUnit classifier = headConvs(project.output(), convs);
            return new DeepLabStructure(input, stem, stages, tail, null, branches,
                    branches.size() > 1 ? asppConcat : null, project, null, null, -1, -1, convs, classifier);
        }
        if (cat == null || !cat.getOpType().equals("Concat") || cat.getInputCount() != 2
                || Attrs.getInt(cat, "axis", 0) != 1) {
            throw fail.apply("tensor " + project.output(), "the ASPP output must reach a two-input channel Concat "
                    + "(the decoder) through resizes only");
        }
        int asppPos = cat.getInputList().indexOf(r.tensor());
        int lowPos = 1 - asppPos;
        ConvUnit low = units.producing(cat.getInput(lowPos));
        if (low == null || !low.pointwise()) {
            throw g.error(cat, "the decoder concat's other input must come from a 1x1 low-level projection Conv");
        }
        boolean fromBlock = stages.stream().flatMap(List::stream).anyMatch(b -> b.output().equals(low.input()));
        if (!fromBlock) {
            throw fail.apply("node " + low.convNode(), "the low-level projection must read a backbone block output");
        }
        List<ConvUnit> convs = new ArrayList<>();
        ConvUnit classifier = headConvs(cat.getOutput(0), convs);
        return new DeepLabStructure(input, stem, stages, tail, low.input(), branches,
                branches.size() > 1 ? asppConcat : null, project, low, ConvUnitReader.name(cat), asppPos, lowPos,
                convs, classifier);
    }

    /** Adds the 3x3 refinement convs from tensor t on to {@code convs}; returns the 1x1 classifier after them. */
    private ConvUnit headConvs(String t, List<ConvUnit> convs) {
        ConvUnit classifier = null;
        while (classifier == null) {
            Reach next = follow(t);
            if (next.node() == null || !next.node().getOpType().equals("Conv")) {
                throw fail.apply("tensor " + t, "the decoder must end in a 1x1 classifier Conv with bias");
            }
            ConvUnit u = units.read(next.node());
            if (u.bn() == null && u.activation().equals("none") && u.pointwise()) {
                classifier = u;
            } else {
                if (!next.tensor().equals(t) && !convs.isEmpty()) {
                    throw g.error(next.node(), "only Identity/Dropout may sit between decoder convs");
                }
                convs.add(u);
                t = u.output();
            }
        }
        for (int i = 1; i < convs.size(); i++) {
            if (convs.get(i).outChannels() != convs.get(0).outChannels()) {
                throw fail.apply("node " + convs.get(i).convNode(), "decoder convs must share one width");
            }
        }
        return classifier;
    }
}
