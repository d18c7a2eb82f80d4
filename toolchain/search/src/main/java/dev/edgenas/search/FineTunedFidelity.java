package dev.edgenas.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.Json;
import dev.edgenas.models.space.Genome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * Rank fidelity of the proxy against fine-tuned accuracy (issue 19's 20-network benchmark,
 * scripts/bench-fidelity.sh). Args: MODEL DATA SEARCH_DIR [VAL_SUBSET CALIB]. Reads the screened networks of a
 * finished search (pareto.json: every screened network got the same fine-tuning, the default screening recipe),
 * scores each one's cut on the search's validation subset with and without BatchNorm recalibration, and prints the
 * Spearman correlation of each proxy with the screened (fine-tuned) mIoU on the whole validation split.
 */
public final class FineTunedFidelity {
    private FineTunedFidelity() {
    }

    public static void main(String[] args) throws Exception {
        Path modelFile = Path.of(args[0]);
        Path data = Path.of(args[1]);
        Path dir = Path.of(args[2]);
        int subset = args.length > 3 ? Integer.parseInt(args[3]) : new SearchOptions().valSubset;
        int calibImages = args.length > 4 ? Integer.parseInt(args[4]) : new SearchOptions().calibImages;
        ProxyBench bench = new ProxyBench(modelFile, data, subset, calibImages);
        List<String> genomes = new ArrayList<>();
        List<Double> screened = new ArrayList<>();
        for (JsonNode e : Json.readTree(dir.resolve("pareto.json")).path("pareto")) {
            if (e.hasNonNull("screenMiou")) {
                genomes.add(e.get("genome").asText());
                screened.add(e.get("screenMiou").asDouble());
            }
        }
        if (genomes.size() < 3) {
            System.out.printf("fidelity: %d screened network(s) in %s/pareto.json: at least 3 needed%n", genomes.size(), dir);
            System.exit(3);
        }
        int n = genomes.size();
        double[] recal = new double[n];
        double[] cut = new double[n];
        double[] fin = new double[n];
        for (int i = 0; i < n; i++) {
            ProxyBench.Cut net = bench.cut(Genome.parse(genomes.get(i)));
            recal[i] = bench.miou(net.recalibrated(), bench.val);
            cut[i] = bench.miou(net.asCut(), bench.val);
            fin[i] = screened.get(i);
            System.out.printf("  %s proxy recalibrated %.4f, as cut %.4f, fine-tuned %.4f%n", genomes.get(i), recal[i],
                    cut[i], fin[i]);
        }
        SpearmansCorrelation sp = new SpearmansCorrelation();
        System.out.printf("fidelity on %d fine-tuned networks of %s (proxy: %d val images, recalibration on %d training "
                + "images; fine-tuned: whole val split; load %s)%n", n, dir, bench.val.count(), bench.calib.count(),
                dev.edgenas.core.HostInfo.loadAverage());
        System.out.printf("  Spearman proxy (BN recalibrated, the default) vs fine-tuned mIoU: %.3f%n",
                sp.correlation(recal, fin));
        System.out.printf("  Spearman proxy (as cut, no recalibration)    vs fine-tuned mIoU: %.3f%n",
                sp.correlation(cut, fin));
    }
}
