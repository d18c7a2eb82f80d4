package dev.edgenas.models.space;

import dev.edgenas.ir.Graph;
import dev.edgenas.ir.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Importance order of every cuttable channel group, computed once from the pretrained weights. A group's
 * channels appear in several layers (an expand conv's outputs are the depthwise conv's channels and the
 * projection's inputs), so a channel's score sums, over those layers, the L1 norm of its weights divided by
 * that layer's mean: one order, applied consistently to every coupled layer. Conv filters are scored with their
 * BatchNorm folded in (|gamma| / sqrt(var + eps)), the scale they act with.
 */
final class ChannelImportance {
    private final Graph g;
    private final Map<String, int[]> orders = new LinkedHashMap<>();

    private ChannelImportance(Graph g) {
        this.g = g;
    }

    static Map<String, int[]> of(Graph g, DeepLabStructure s) {
        ChannelImportance ci = new ChannelImportance(g);
        for (BlockUnit b : s.blocks()) {
            if (b.expand() != null) {
                if (b.se() == null) {
                    ci.put("block." + b.label(), ci.outScore(b.expand()), ci.outScore(b.dw()), ci.inScore(b.project(), 0));
                } else {
                    ci.put("block." + b.label(), ci.outScore(b.expand()), ci.outScore(b.dw()), ci.inScore(b.se().fc1(), 0),
                            ci.outScore(b.se().fc2()), ci.inScore(b.project(), 0));
                }
            }
        }
        int offset = 0;
        for (int i = 0; i < s.branches().size(); i++) {
            AsppBranch br = s.branches().get(i);
            ci.put("branch." + i, ci.outScore(br.unit()), ci.inScore(s.asppProject(), offset));
            offset += br.unit().outChannels();
        }
        ConvUnit first = s.decoderConvs().isEmpty() ? s.classifier() : s.decoderConvs().get(0);
        int asppOffset = s.asppPosition() <= 0 ? 0 : s.decoderLow().outChannels();
        ci.put("aspp.project", ci.outScore(s.asppProject()), ci.inScore(first, asppOffset, s.asppProject().outChannels()));
        if (s.hasDecoder()) {
            int lowOffset = s.lowPosition() == 0 ? 0 : s.asppProject().outChannels();
            ci.put("decoder.low", ci.outScore(s.decoderLow()), ci.inScore(first, lowOffset, s.decoderLow().outChannels()));
        }
        for (int i = 0; i < s.decoderConvs().size(); i++) {
            ConvUnit next = i + 1 < s.decoderConvs().size() ? s.decoderConvs().get(i + 1) : s.classifier();
            ci.put("decoder.conv" + (i + 1), ci.outScore(s.decoderConvs().get(i)), ci.inScore(next, 0));
        }
        return ci.orders;
    }

    /** Sums the per-layer scores (each normalised by its mean) and sorts channels, most important first. */
    private void put(String group, double[]... scores) {
        int n = scores[0].length;
        double[] total = new double[n];
        for (double[] s : scores) {
            double mean = Arrays.stream(s).average().orElse(0);
            for (int c = 0; c < n; c++) {
                total[c] += mean > 0 ? s[c] / mean : 0;
            }
        }
        List<Integer> idx = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            idx.add(c);
        }
        idx.sort(Comparator.comparingDouble((Integer c) -> -total[c]).thenComparingInt(c -> c));
        orders.put(group, idx.stream().mapToInt(Integer::intValue).toArray());
    }

    /** L1 norm of each output filter, BatchNorm scale folded in. */
    private double[] outScore(ConvUnit u) {
        float[] w = Tensors.toFloats(g.initializer(u.weight()));
        int out = u.outChannels();
        int per = w.length / out;
        double[] s = new double[out];
        float[] gamma = u.bn() == null ? null : Tensors.toFloats(g.initializer(u.bn().scale()));
        float[] var = u.bn() == null ? null : Tensors.toFloats(g.initializer(u.bn().var()));
        for (int o = 0; o < out; o++) {
            double sum = 0;
            for (int i = 0; i < per; i++) {
                sum += Math.abs(w[o * per + i]);
            }
            s[o] = gamma == null ? sum : sum * Math.abs(gamma[o]) / Math.sqrt(var[o] + u.bn().epsilon());
        }
        return s;
    }

    private double[] inScore(ConvUnit u, int offset) {
        return inScore(u, offset, u.inChannels() - offset);
    }

    /** L1 norm of the weights reading input channels offset..offset+count-1. */
    private double[] inScore(ConvUnit u, int offset, int count) {
        float[] w = Tensors.toFloats(g.initializer(u.weight()));
        int out = u.outChannels();
        int in = u.inChannels() / u.groups();
        int k2 = w.length / (out * in);
        double[] s = new double[count];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < count; c++) {
                for (int k = 0; k < k2; k++) {
                    s[c] += Math.abs(w[(o * in + offset + c) * k2 + k]);
                }
            }
        }
        return s;
    }

    /** The first {@code width} channels of an order, in ascending index order (keeps layouts stable). */
    static int[] keep(int[] order, int width) {
        int[] k = Arrays.copyOf(order, width);
        Arrays.sort(k);
        return k;
    }
}
