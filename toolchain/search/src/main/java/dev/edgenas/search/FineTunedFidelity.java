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
 * Spearman correlation of each proxy with the screened (fine-tuned) mIoU on the whole validation split. Two cheap
 * alternatives are scored too (each costs one more scoring pass per candidate, no training): the recalibrated cut on
 * twice as many validation images, and its agreement with the pretrained model (mIoU against the teacher's
 * arg-max on the same subset, the target the distillation of the fine-tuning trains towards).
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
        EvalData twice = EvalData.load(bench.valSet, bench.meta, 2 * subset);
        EvalData teacher = bench.teacherLabelled(dev.edgenas.ir.OnnxModels.read(modelFile), bench.val);
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
        double[] more = new double[n];
        double[] agree = new double[n];
        for (int i = 0; i < n; i++) {
            ProxyBench.Cut net = bench.cut(Genome.parse(genomes.get(i)));
            recal[i] = bench.miou(net.recalibrated(), bench.val);
            cut[i] = bench.miou(net.asCut(), bench.val);
            more[i] = bench.miou(net.recalibrated(), twice);
            agree[i] = bench.miou(net.recalibrated(), teacher);
            fin[i] = screened.get(i);
            System.out.printf("  %s proxy recalibrated %.4f, as cut %.4f, on %d images %.4f, teacher agreement %.4f, "
                    + "fine-tuned %.4f%n", genomes.get(i), recal[i], cut[i], twice.count(), more[i], agree[i], fin[i]);
        }
        SpearmansCorrelation sp = new SpearmansCorrelation();
        System.out.printf("fidelity on %d fine-tuned networks of %s (proxy: %d val images, recalibration on %d training "
                + "images; fine-tuned: whole val split; load %s)%n", n, dir, bench.val.count(), bench.calib.count(),
                dev.edgenas.core.HostInfo.loadAverage());
        System.out.printf("  Spearman proxy (BN recalibrated, the default) vs fine-tuned mIoU: %.3f%n",
                sp.correlation(recal, fin));
        System.out.printf("  Spearman proxy (as cut, no recalibration)    vs fine-tuned mIoU: %.3f%n",
                sp.correlation(cut, fin));
        System.out.printf("  alternative: proxy on %d val images (2x the scoring) vs fine-tuned mIoU: %.3f%n",
                twice.count(), sp.correlation(more, fin));
        System.out.printf("  alternative: agreement with the pretrained model (mIoU vs its arg-max, %d images) vs "
                + "fine-tuned mIoU: %.3f%n", teacher.count(), sp.correlation(agree, fin));
    }
}
