package dev.edgenas.data;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Measures generation speed of the synthetic dataset and how much each class depends on resolution.
 * Usage: {@code java -cp ... dev.edgenas.data.SynthBenchmark [train val size [threads]]}
 * (defaults 2000 500 128, all cores). The dataset goes to a temporary directory that is removed.
 *
 * <p>The resolution figure is an oracle: the true val masks sampled once every {@code stride}
 * pixels and blown back up (nearest neighbour), i.e. the best any network whose prediction lives
 * at that output stride could do without learned upsampling. Thin classes fall first.
 */
public final class SynthBenchmark {
    private SynthBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int train = args.length > 0 ? Integer.parseInt(args[0]) : SyntheticPortraits.DEFAULT_TRAIN;
        int val = args.length > 1 ? Integer.parseInt(args[1]) : SyntheticPortraits.DEFAULT_VAL;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : SyntheticPortraits.DEFAULT_SIZE;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
        Path tmp = Files.createTempDirectory("edgenas-synth-bench");
        try {
            long cpu0 = processCpuNanos();
            SynthSummary s = SyntheticPortraits.generate(tmp.resolve("portraits"), 1, train, val, size, threads);
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            System.out.println(s);
            System.out.printf(Locale.ROOT, "%d images %dx%d on %d threads in %.2f s: %.1f images/s"
                            + " (process CPU %.1f s, %.2f ms per image; load average %.1f)%n",
                    s.imageCount(), size, size, threads, s.elapsedMs() / 1000.0, s.imagesPerSecond(), cpu,
                    cpu * 1000 / s.imageCount(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            VocDataset ds = VocDataset.open(s.root(), "val");
            long t0 = System.nanoTime();
            ds.validate();
            System.out.printf(Locale.ROOT, "validate(val): %d samples in %.2f s%n", ds.size(),
                    (System.nanoTime() - t0) / 1e9);
            for (int stride : new int[] {2, 4, 8, 16}) {
                System.out.println(oracle(ds, stride));
            }
        } finally {
            SyntheticPortraits.deleteTree(tmp);
        }
    }

    /** CPU time of the whole JVM (JIT and GC included): a figure that other load on the machine does not inflate. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** Per-class IoU of a split's masks after keeping every stride-th pixel and upsampling back. */
    static double[] oracleIoU(VocDataset ds, int stride) {
        int k = ds.numClasses();
        long[] inter = new long[k];
        long[] union = new long[k];
        for (int i = 0; i < ds.size(); i++) {
            SegSample s = ds.get(i);
            for (int y = 0; y < s.height(); y++) {
                int sy = Math.min(s.height() - 1, (y / stride) * stride + stride / 2);
                for (int x = 0; x < s.width(); x++) {
                    int sx = Math.min(s.width() - 1, (x / stride) * stride + stride / 2);
                    int truth = s.label(x, y);
                    int pred = s.label(sx, sy);
                    if (truth >= k) {
                        continue; // ignore
                    }
                    union[truth]++;
                    if (truth == pred) {
                        inter[truth]++;
                    } else if (pred < k) {
                        union[pred]++;
                    }
                }
            }
        }
        double[] iou = new double[k];
        for (int c = 0; c < k; c++) {
            iou[c] = union[c] == 0 ? Double.NaN : (double) inter[c] / union[c];
        }
        return iou;
    }

    private static String oracle(VocDataset ds, int stride) {
        double[] iou = oracleIoU(ds, stride);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "oracle IoU at output stride %2d:", stride));
        double sum = 0;
        int n = 0;
        for (int c = 0; c < iou.length; c++) {
            sb.append(String.format(Locale.ROOT, " %s %.3f", ds.classNames().get(c), iou[c]));
            if (!Double.isNaN(iou[c])) {
                sum += iou[c];
                n++;
            }
        }
        return sb.append(String.format(Locale.ROOT, " | mIoU %.3f", sum / Math.max(1, n))).toString();
    }
}
