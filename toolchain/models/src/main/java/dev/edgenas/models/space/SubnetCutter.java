package dev.edgenas.models.space;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.ir.Attrs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cuts one subnetwork out of the pretrained model: dropped residual blocks and decoder convs become
 * identities (their consumers read their input), dropped ASPP branches leave the concat, and every cut
 * channel group is sliced consistently in all layers that touch it (producer filters, BatchNorm vectors,
 * depthwise groups, consumer input columns at their concat offsets). BatchNorm statistics stay as they are.
 */
final class SubnetCutter {
    private final DeepLabStructure s;
    private final Map<String, int[]> orders;
    private final EditableModel m;

    private SubnetCutter(ModelProto pretrained, DeepLabStructure s, Map<String, int[]> orders) {
        this.s = s;
        this.orders = orders;
        this.m = new EditableModel(pretrained);
    }

    static ModelProto cut(ModelProto pretrained, DeepLabStructure s, Map<String, int[]> orders, SubnetSpec spec) {
        SubnetCutter c = new SubnetCutter(pretrained, s, orders);
        c.backbone(spec);
        int[] projectKeep = c.aspp(spec);
        c.decoder(spec, projectKeep);
        return c.m.build();
    }

    private int[] keep(String group, int width) {
        return ChannelImportance.keep(orders.get(group), width);
    }

    /** Keeps output channels of a unit: filters, bias and BatchNorm vectors. */
    private void cutOutputs(ConvUnit u, int[] keep) {
        if (keep.length == u.outChannels()) {
            return;
        }
        m.select(u.weight(), 0, keep);
        if (u.bias() != null) {
            m.select(u.bias(), 0, keep);
        }
        if (u.bn() != null) {
            for (String p : List.of(u.bn().scale(), u.bn().bias(), u.bn().mean(), u.bn().var())) {
                m.select(p, 0, keep);
            }
        }
        if (u.depthwise()) {
            m.setAttribute(u.convNode(), Attrs.i("group", keep.length));
        }
    }

    private void cutInputs(ConvUnit u, int[] keep) {
        if (keep.length != u.inChannels()) {
            m.select(u.weight(), 1, keep);
        }
    }

    private void backbone(SubnetSpec spec) {
        int bi = 0;
        for (int si = 0; si < s.stages().size(); si++) {
            List<BlockUnit> stage = s.stages().get(si);
            // last first, so that every consumer ends up reading the last kept block's output
            for (int k = stage.size() - 1; k >= spec.depths().get(si); k--) {
                m.rewire(stage.get(k).output(), stage.get(k).input());
            }
            for (int k = 0; k < stage.size(); k++, bi++) {
                BlockUnit b = stage.get(k);
                if (k >= spec.depths().get(si)) {
                    continue;
                } else if (b.expand() != null && spec.widths().get(bi) < b.expandedChannels()) {
                    int[] keep = keep("block." + b.label(), spec.widths().get(bi));
                    cutOutputs(b.expand(), keep);
                    cutOutputs(b.dw(), keep);
                    if (b.se() != null) {
                        // the squeeze-excitation reads and gates the expanded channels: its squeezed width stays
                        cutInputs(b.se().fc1(), keep);
                        cutOutputs(b.se().fc2(), keep);
                    }
                    cutInputs(b.project(), keep);
                }
            }
        }
    }

    /** Returns the ASPP projection's kept output channels. */
    private int[] aspp(SubnetSpec spec) {
        List<Integer> projectIn = new ArrayList<>();
        List<AsppBranch> kept = new ArrayList<>();
        int offset = 0;
        int w = spec.asppWidth();
        for (int i = 0; i < s.branches().size(); i++) {
            AsppBranch b = s.branches().get(i);
            if (spec.branchKept().get(i)) {
                int[] keep = keep("branch." + i, w);
                cutOutputs(b.unit(), keep);
                for (int c : keep) {
                    projectIn.add(offset + c);
                }
                int rate = spec.rates().get(i);
                if (b.kind() == AsppBranch.Kind.ATROUS && rate != b.unit().dilation()) {
                    long pad = (long) rate * (b.unit().kernel() - 1) / 2;
                    m.setAttribute(b.unit().convNode(), Attrs.ints("dilations", rate, rate));
                    m.setAttribute(b.unit().convNode(), Attrs.ints("pads", pad, pad, pad, pad));
                }
                kept.add(b);
            } else {
                m.removeInput(s.asppConcat(), b.output());
            }
            offset += b.unit().outChannels();
        }
        if (kept.size() == 1) {
            // A one-input concat is a copy: read the branch directly, as the model builder does.
            m.rewire(m.node(s.asppConcat()).getOutput(0), kept.get(0).output());
        }
        cutInputs(s.asppProject(), projectIn.stream().mapToInt(Integer::intValue).toArray());
        int[] projectKeep = keep("aspp.project", w);
        cutOutputs(s.asppProject(), projectKeep);
        return projectKeep;
    }

    private void decoder(SubnetSpec spec, int[] projectKeep) {
        if (!s.hasDecoder()) {
            convs(spec, projectKeep);
            return;
        }
        int[] lowKeep = keep("decoder.low", spec.lowWidth());
        cutOutputs(s.decoderLow(), lowKeep);
        int asppC = s.asppProject().outChannels();
        int lowC = s.decoderLow().outChannels();
        int[] first = new int[projectKeep.length + lowKeep.length];
        int[][] parts = s.asppPosition() == 0 ? new int[][] {projectKeep, lowKeep} : new int[][] {lowKeep, projectKeep};
        int[] offsets = s.asppPosition() == 0 ? new int[] {0, asppC} : new int[] {0, lowC};
        int j = 0;
        for (int p = 0; p < 2; p++) {
            for (int c : parts[p]) {
                first[j++] = offsets[p] + c;
            }
        }
        convs(spec, first);
    }

    /** The refinement convs after the concat (DeepLabV3+) or the ASPP (DeepLabV3), then the classifier's inputs. */
    private void convs(SubnetSpec spec, int[] first) {
        int[] in = first;
        List<ConvUnit> convs = s.decoderConvs();
        for (int i = 0; i < convs.size(); i++) {
            ConvUnit u = convs.get(i);
            if (i < spec.decoderConvs()) {
                cutInputs(u, in);
                in = keep("decoder.conv" + (i + 1), spec.decoderWidth());
                cutOutputs(u, in);
            }
        }
        for (int i = convs.size() - 1; i >= spec.decoderConvs(); i--) {
            m.rewire(convs.get(i).output(), convs.get(i).input());
        }
        cutInputs(s.classifier(), in);
    }
}
