package dev.edgenas.models.space;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.edgenas.core.BadInputException;
import dev.edgenas.ir.Attrs;
import dev.edgenas.ir.Graph;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a DeepLabV3+ (or a DeepLabV3 without decoder) with a MobileNetV2- or MobileNetV3-style backbone
 * (squeeze-excitation, HardSwish, 3x3 or 5x5 depthwise) by the topology of its graph, not by names, so
 * edgenas-built, PyTorch-exported and torchvision models work (see docs/SEARCH.md for the patterns). Anything
 * else is a {@link BadInputException} naming the file and the node where recognition stopped.
 */
public final class StructureReader {
    private static final Pattern EDGENAS_BLOCK = Pattern.compile("^backbone\\.s(\\d+)\\.b(\\d+)\\.");
    /** Channel-preserving ops allowed between the ASPP branches/projection and the concats. */
    private static final Set<String> PASS = Set.of("Resize", "Upsample", "Identity", "Dropout", "Expand");

    private final Graph g;
    private final ConvUnitReader units;

    private StructureReader(Graph g) {
        this.g = g;
        this.units = new ConvUnitReader(g);
    }

    public static DeepLabStructure read(Graph g) {
        return new StructureReader(g).read();
    }

    private BadInputException fail(String field, String problem) {
        return BadInputException.at(g.source(), field, problem + " (see docs/SEARCH.md: recognised DeepLabV3+ patterns)");
    }

    private DeepLabStructure read() {
        if (g.inputs().size() != 1 || g.outputs().size() != 1) {
            throw fail("graph.input/output", "need exactly one data input and one output");
        }
        String input = g.inputs().get(0).getName();
        NodeProto first = units.single(input);
        if (first == null || !first.getOpType().equals("Conv")) {
            throw fail("graph.input " + input, "the input must feed exactly one Conv (the stem)");
        }
        ConvUnit stem = units.read(first);
        List<BlockUnit> blocks = new ArrayList<>();
        String t = stem.output();
        while (true) {
            BlockUnit b = nextBlock(t, blocks.size() + 1);
            if (b == null) {
                break;
            }
            blocks.add(b);
            t = b.output();
        }
        if (blocks.isEmpty()) {
            throw fail("tensor " + stem.output(), "no inverted-residual block after the stem");
        }
        List<ConvUnit> tail = new ArrayList<>();
        while (units.single(t) != null && units.single(t).getOpType().equals("Conv")) {
            ConvUnit u = units.read(units.single(t));
            tail.add(u);
            t = u.output();
        }
        return new HeadReader(g, units, this::fail).read(input, stem, group(blocks), tail, t);
    }

    /** The block starting at tensor t, or null when no consumer of t starts one. */
    private BlockUnit nextBlock(String t, int index) {
        BlockUnit found = null;
        for (NodeProto n : g.consumers(t)) {
            if (!n.getOpType().equals("Conv")) {
                continue;
            }
            BlockUnit b = tryBlock(t, n, index);
            if (b != null) {
                if (found != null) {
                    throw g.error(n, "two inverted-residual blocks read the same tensor " + t);
                }
                found = b;
            }
        }
        return found;
    }

    private BlockUnit tryBlock(String t, NodeProto conv, int index) {
        ConvUnit u1 = units.read(conv);
        ConvUnit expand = null;
        ConvUnit dw;
        if (u1.depthwise()) {
            dw = u1;
        } else if (u1.pointwise() && !u1.activation().equals("none")) {
            NodeProto n2 = units.single(u1.output());
            if (n2 == null || !n2.getOpType().equals("Conv")) {
                return null;
            }
            dw = units.read(n2);
            if (!dw.depthwise() || dw.inChannels() != u1.outChannels()) {
                return null;
            }
            expand = u1;
        } else {
            return null;
        }
        SqueezeExcite se = units.single(dw.output()) == null ? new SqueezeExciteReader(g, units).read(dw.output(),
                dw.outChannels()) : null;
        NodeProto n3 = units.single(se == null ? dw.output() : se.output());
        if (n3 == null || !n3.getOpType().equals("Conv")) {
            return null;
        }
        ConvUnit project = units.read(n3);
        if (!project.pointwise() || !project.activation().equals("none")) {
            return null;
        }
        String out = project.output();
        String add = null;
        NodeProto n4 = units.single(out);
        if (n4 != null && n4.getOpType().equals("Add") && n4.getInputList().contains(t)
                && n4.getInputList().contains(out)) {
            add = ConvUnitReader.name(n4);
            out = n4.getOutput(0);
        }
        if (project.inChannels() != dw.outChannels()) {
            return null;
        }
        return new BlockUnit("b" + index, t, expand, dw, se, project, add, out);
    }

    /**
     * Stages: by edgenas names when every block has them, else a new stage at every non-residual block.
     * Either way only blocks after the first of a stage are dropped, and those are residual.
     */
    private List<List<BlockUnit>> group(List<BlockUnit> blocks) {
        List<List<BlockUnit>> stages = new ArrayList<>();
        String lastStage = null;
        boolean named = blocks.stream().allMatch(b -> EDGENAS_BLOCK.matcher(b.project().convNode()).find());
        for (BlockUnit b : blocks) {
            String stage;
            if (named) {
                Matcher m = EDGENAS_BLOCK.matcher(b.project().convNode());
                m.find();
                stage = m.group(1);
            } else {
                stage = b.residual() && lastStage != null ? lastStage : "g" + (stages.size() + 1);
            }
            if (!stage.equals(lastStage) || (!b.residual() && !named)) {
                stages.add(new ArrayList<>());
                lastStage = stage;
            }
            List<BlockUnit> s = stages.get(stages.size() - 1);
            if (!s.isEmpty() && !b.residual()) {
                throw fail("node " + b.project().convNode(), "block " + (s.size() + 1)
                        + " of its stage has no residual connection, so it could not be dropped");
            }
            s.add(b);
        }
        List<List<BlockUnit>> labelled = new ArrayList<>();
        for (int si = 0; si < stages.size(); si++) {
            List<BlockUnit> s = new ArrayList<>();
            for (int bi = 0; bi < stages.get(si).size(); bi++) {
                BlockUnit b = stages.get(si).get(bi);
                s.add(new BlockUnit("s" + (si + 1) + ".b" + (bi + 1), b.input(), b.expand(), b.dw(), b.se(), b.project(),
                        b.addNode(), b.output()));
            }
            labelled.add(s);
        }
        return labelled;
    }

    static boolean isGlobalPool(NodeProto n) {
        if (n.getOpType().equals("GlobalAveragePool")) {
            return true;
        }
        if (n.getOpType().equals("ReduceMean") && Attrs.getInt(n, "keepdims", 1) == 1) {
            long[] axes = Attrs.getInts(n, "axes");
            return axes != null && axes.length == 2 && axes[0] == 2 && axes[1] == 3;
        }
        return false;
    }

    static boolean passThrough(NodeProto n) {
        return PASS.contains(n.getOpType());
    }
}
