package dev.edgenas.models.space;

import dev.edgenas.ir.Graph;
import dev.edgenas.ir.Kernel;
import dev.edgenas.ir.KernelDetector;
import dev.edgenas.ir.KernelKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Enumerates every kernel key of a space without sampling. Stage widths and resolutions never change, so each
 * kernel depends on few genes: a block's kernels on its own width; ASPP branch convs on (ASPP width, rate);
 * the ASPP concat and projection on (number of kept branches, ASPP width); the decoder on (ASPP width, low
 * width, decoder width, conv count). Probe genomes cover every combination of those genes, and every probe is a
 * valid subnetwork, so the union of their kernels is exactly the set any subnetwork can contain.
 */
final class KernelEnumerator {
    private KernelEnumerator() {
    }

    static Set<KernelKey> enumerate(SearchSpace space, int batch, String precision) {
        Set<KernelKey> keys = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        for (Genome g : probes(space)) {
            if (!seen.add(space.canonical(g).key())) {
                continue;
            }
            for (Kernel k : KernelDetector.detect(Graph.of(space.subnet(g)), batch)) {
                keys.add(k.key().withPrecision(precision));
            }
        }
        return keys;
    }

    static List<Genome> probes(SearchSpace space) {
        List<Choice> cs = space.choices();
        SpaceLayout l = new SpaceLayout(space.structure());
        List<Genome> out = new ArrayList<>();
        Genome full = space.full();
        int maxWidthOptions = 0;
        for (int ci : l.widthChoice) {
            maxWidthOptions = ci < 0 ? maxWidthOptions : Math.max(maxWidthOptions, cs.get(ci).options());
        }
        for (int o = 0; o < maxWidthOptions; o++) {
            Genome g = full;
            for (int ci : l.widthChoice) {
                g = ci < 0 ? g : g.with(ci, Math.min(o, cs.get(ci).options() - 1));
            }
            out.add(g);
        }
        int nBranches = l.branchChoice.length;
        for (int w = 0; w < cs.get(l.asppWidthChoice).options(); w++) {
            Genome gw = full.with(l.asppWidthChoice, w);
            // every subset of kept branches (covers each kept count), all atrous branches at their first rate
            for (int mask = 1; mask < (1 << nBranches); mask++) {
                Genome g = gw;
                for (int b = 0; b < nBranches; b++) {
                    int ci = l.branchChoice[b];
                    g = g.with(ci, (mask & (1 << b)) != 0 ? 0 : cs.get(ci).options() - 1);
                }
                out.add(g);
            }
            // every rate option of every atrous branch
            for (int ci : l.branchChoice) {
                for (int o = 0; o < cs.get(ci).options(); o++) {
                    out.add(gw.with(ci, o));
                }
            }
            int lows = l.lowWidthChoice < 0 ? 1 : cs.get(l.lowWidthChoice).options();
            for (int lo = 0; lo < lows; lo++) {
                int dws = l.decoderWidthChoice < 0 ? 1 : cs.get(l.decoderWidthChoice).options();
                int counts = l.decoderCountChoice < 0 ? 1 : cs.get(l.decoderCountChoice).options();
                for (int d = 0; d < dws; d++) {
                    for (int n = 0; n < counts; n++) {
                        Genome g = l.lowWidthChoice < 0 ? gw : gw.with(l.lowWidthChoice, lo);
                        g = l.decoderWidthChoice < 0 ? g : g.with(l.decoderWidthChoice, d);
                        out.add(l.decoderCountChoice < 0 ? g : g.with(l.decoderCountChoice, n));
                    }
                }
            }
        }
        return out;
    }
}
