package dev.edgenas.data;

import dev.edgenas.core.BadInputException;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.core.Json;
import dev.edgenas.core.Provenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The embedded default dataset: synthetic portraits for face parsing, written as a PASCAL VOC tree
 * (see docs/DATASETS.md). Images are rendered in parallel, one deterministic generator per image.
 * The tree is built in a hidden sibling directory and renamed into place when complete, so a killed
 * run never leaves a half dataset under the requested name; a re-run that finds a complete dataset
 * with the same seed, size and counts returns at once.
 */
public final class SyntheticPortraits {
    public static final int DEFAULT_TRAIN = 2000;
    public static final int DEFAULT_VAL = 500;
    public static final int DEFAULT_SIZE = 128;
    /** JPEG quality: VOC's convention is JPEG; at 0.95 the artefacts stay below the sensor noise. */
    public static final float JPEG_QUALITY = 0.95f;
    static final int TRAIN_STREAM = 0;
    static final int VAL_STREAM = 1;

    private SyntheticPortraits() {
    }

    public static SynthSummary generate(Path outDir, long seed, int trainCount, int valCount, int size) {
        return generate(outDir, seed, trainCount, valCount, size, Runtime.getRuntime().availableProcessors());
    }

    /** As {@link #generate(Path, long, int, int, int)} with an explicit number of worker threads. */
    public static SynthSummary generate(Path outDir, long seed, int trainCount, int valCount, int size, int threads) {
        checkArgs(trainCount, valCount, size, threads);
        long start = System.nanoTime();
        Path root = outDir.toAbsolutePath().normalize();
        SynthSummary existing = ExistingDataset.check(root, seed, trainCount, valCount, size, start);
        if (existing != null) {
            return existing;
        }
        Path partial = root.resolveSibling("." + root.getFileName() + ".partial");
        try {
            deleteTree(partial); // left over from a killed run
            VocLayout layout = new VocLayout(partial);
            Files.createDirectories(layout.imagesDir());
            Files.createDirectories(layout.masksDir());
            Files.createDirectories(layout.splitsDir());
            long[] counts = new long[PortraitClasses.count()];
            List<String> train = render(layout, seed, TRAIN_STREAM, "train", trainCount, size, threads, counts);
            List<String> val = render(layout, seed, VAL_STREAM, "val", valCount, size, threads, counts);
            Files.writeString(layout.splitFile("train"), String.join("\n", train) + (train.isEmpty() ? "" : "\n"));
            Files.writeString(layout.splitFile("val"), String.join("\n", val) + (val.isEmpty() ? "" : "\n"));
            List<Double> freq = frequencies(counts);
            Map<String, Integer> splits = new LinkedHashMap<>();
            splits.put("train", trainCount);
            splits.put("val", valCount);
            Json.writeFile(layout.datasetJson(), new SynthDatasetJson("synthetic-portraits", PortraitRenderer.VERSION,
                    PortraitClasses.NAMES, DatasetInfo.IGNORE, size, size, seed, splits, freq,
                    "jpeg q" + Math.round(JPEG_QUALITY * 100), "palette png (VOC palette), values = class ids",
                    Provenance.now(Map.of(), seed, null)));
            if (Files.isDirectory(root)) {
                Files.delete(root); // empty: ExistingDataset.check refused anything else
            }
            Files.move(partial, root, StandardCopyOption.ATOMIC_MOVE);
            return new SynthSummary(root, seed, size, trainCount, valCount, elapsedMs(start), false,
                    PortraitClasses.NAMES, freq);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write synthetic dataset " + root + ": " + e.getMessage(), e);
        }
    }

    private static List<String> render(VocLayout layout, long seed, int stream, String split, int count, int size,
                                       int threads, long[] counts) throws IOException {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(String.format("%s_%06d", split, i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "synth-portraits");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<long[]>> parts = new ArrayList<>();
            int chunk = Math.max(1, Math.min(32, count / (threads * 4) + 1));
            for (int from = 0; from < count; from += chunk) {
                int lo = from;
                int hi = Math.min(count, from + chunk);
                parts.add(pool.submit(() -> renderRange(layout, seed, stream, ids, lo, hi, size)));
            }
            for (Future<long[]> f : parts) {
                long[] c = f.get();
                for (int k = 0; k < counts.length; k++) {
                    counts[k] += c[k];
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EdgenasException(ExitCode.INTERRUPTED, "interrupted while generating " + layout.root());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
        return ids;
    }

    private static long[] renderRange(VocLayout layout, long seed, int stream, List<String> ids, int lo, int hi,
                                      int size) throws IOException {
        long[] counts = new long[PortraitClasses.count()];
        for (int i = lo; i < hi; i++) {
            PortraitRenderer.Rendered r = PortraitRenderer.render(seed, stream, i, size);
            String id = ids.get(i);
            // plain writes: the whole tree becomes visible only through the final directory rename
            Files.write(layout.jpegPath(id), ImageFiles.encodeJpeg(ImageFiles.toImage(r.rgb(), size, size), JPEG_QUALITY));
            Files.write(layout.maskPath(id), PngMasks.encode(r.mask(), size, size));
            for (byte b : r.mask()) {
                counts[b & 0xFF]++;
            }
        }
        return counts;
    }

    private static void checkArgs(int train, int val, int size, int threads) {
        if (train < 0 || val < 0 || train + val == 0) {
            throw BadInputException.at(null, "train/val", "counts must be >= 0 and not both 0, got "
                    + train + "/" + val);
        }
        if (size < 16 || size > 2048) {
            throw BadInputException.at(null, "size", "must be 16..2048, got " + size);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
    }

    private static List<Double> frequencies(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        List<Double> f = new ArrayList<>();
        for (long c : counts) {
            f.add(total == 0 ? 0.0 : (double) c / total);
        }
        return f;
    }

    static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
