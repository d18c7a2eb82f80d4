package dev.edgenas.search;

import dev.edgenas.models.space.Genome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * What BatchNorm recalibration does to rank fidelity. Args: MODEL DATA JOURNAL N REF_IMAGES [VAL_SUBSET CALIB].
 * Takes N networks a search scored (from its journal, spread evenly over their proxy mIoU; with env MIN_PROXY=f only
 * those whose proxy is at least f times the best, the region a search ranks), scores each on the
 * validation subset with and without recalibration, and on REF_IMAGES validation images (0 = the whole split)
 * likewise, then prints the Spearman correlations between proxies and references.
 */
public final class RankFidelity {
    private RankFidelity() {
    }

    public static void main(String[] args) throws Exception {
        Path modelFile = Path.of(args[0]);
        Path data = Path.of(args[1]);
        Path journal = Path.of(args[2]);
        int n = Integer.parseInt(args[3]);
        int refImages = Integer.parseInt(args[4]);
        int subset = args.length > 5 ? Integer.parseInt(args[5]) : new SearchOptions().valSubset;
        int calibImages = args.length > 6 ? Integer.parseInt(args[6]) : new SearchOptions().calibImages;
        ProxyBench bench = new ProxyBench(modelFile, data, subset, calibImages);
        EvalData val = bench.val;
        EvalData ref = EvalData.load(bench.valSet, bench.meta, refImages);
        List<CandidateScore> all = new ArrayList<>(journalScores(journal));
        double minFraction = Double.parseDouble(System.getenv().getOrDefault("MIN_PROXY", "0"));
        double top = all.stream().mapToDouble(CandidateScore::miou).max().orElse(0);
        all.removeIf(c -> c.miou() < minFraction * top);
        all.sort(Comparator.comparingDouble(CandidateScore::miou));
        List<Genome> picked = new ArrayList<>();
        for (int i : FinetunePlan.spread(all.size(), n)) {
            picked.add(Genome.parse(all.get(i).genome()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        List<Future<double[]>> fs = new ArrayList<>();
        for (Genome g : picked) {
            fs.add(pool.submit(() -> {
                ProxyBench.Cut c = bench.cut(g);
                return new double[] {bench.miou(c.recalibrated(), val), bench.miou(c.asCut(), val),
                    bench.miou(c.recalibrated(), ref), bench.miou(c.asCut(), ref)};
            }));
        }
        double[][] m = new double[4][picked.size()];
        for (int i = 0; i < picked.size(); i++) {
            double[] r = fs.get(i).get();
            for (int k = 0; k < 4; k++) {
                m[k][i] = r[k];
            }
        }
        pool.shutdown();
        SpearmansCorrelation sp = new SpearmansCorrelation();
        System.out.printf("rank fidelity on %d networks from %s (proxy: %d val images; reference: %d val images; "
                + "recalibration on %d training images; proxy >= %.2f of the best; load %s)%n", picked.size(), journal,
                val.count(), ref.count(), bench.calib.count(), minFraction, dev.edgenas.core.HostInfo.loadAverage());
        System.out.printf("  Spearman proxy vs reference, both recalibrated:     %.3f%n", sp.correlation(m[0], m[2]));
        System.out.printf("  Spearman proxy vs reference, neither recalibrated:  %.3f%n", sp.correlation(m[1], m[3]));
        System.out.printf("  Spearman recalibrated vs not, on the reference set: %.3f%n", sp.correlation(m[2], m[3]));
        System.out.printf("  mean reference mIoU: recalibrated %.4f, as cut %.4f%n", mean(m[2]), mean(m[3]));
    }

    static List<CandidateScore> journalScores(Path journal) {
        List<CandidateScore> out = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(journal);
            for (String line : lines.subList(1, lines.size())) {
                try {
                    out.add(dev.edgenas.core.Json.MAPPER.readValue(line, CandidateScore.class));
                } catch (java.io.IOException torn) {
                    // a torn last line of a killed search: skip it, as --resume does
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
