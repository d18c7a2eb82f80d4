package dev.edgenas.runtime;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Forward-only throughput of a model through {@link OrtInference} (what `edgenas eval` and the search run), for
 * scripts/bench-eval.sh. Args: MODEL BATCH THREADS SECONDS [CHECK_IN CHECK_OUT]. Random normal
 * input of the model's shape at BATCH, three warm-up batches, then batches for about SECONDS seconds; prints one
 * JSON line. With CHECK_IN (raw little-endian float32 NCHW images) it first writes their logits to CHECK_OUT, so
 * the script can check that another framework ran the same network.
 */
public final class InferenceBench {
    private InferenceBench() {
    }

    public static void main(String[] args) {
        Path model = Path.of(args[0]);
        int batch = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        double seconds = Double.parseDouble(args[3]);
        var meta = dev.edgenas.ir.ModelMetadata.of(dev.edgenas.ir.OnnxModels.read(model), model);
        long[] shape = {batch, 3, meta.height(), meta.width()};
        float[] x = new float[batch * 3 * meta.height() * meta.width()];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        try (OrtInference ort = OrtInference.open(model, OrtSettings.withThreads(threads))) {
            if (args.length > 5) {
                check(ort, Path.of(args[4]), Path.of(args[5]), shape);
            }
            for (int i = 0; i < 3; i++) {
                ort.first(x, shape);
            }
            int n = 0;
            long t0 = System.nanoTime();
            while ((System.nanoTime() - t0) / 1e9 < seconds) {
                ort.first(x, shape);
                n++;
            }
            double dt = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "{\"framework\": \"edgenas-onnxruntime\", \"batch\": %d, \"threads\": %d, "
                    + "\"batches\": %d, \"seconds\": %.3f, \"imagesPerSecond\": %.2f}%n", batch, threads, n, dt,
                    n * batch / dt);
        }
    }

    private static void check(OrtInference ort, Path in, Path out, long[] shape) {
        try {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(in))
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            float[] x = new float[b.remaining() / 4];
            b.asFloatBuffer().get(x);
            long[] s = shape.clone();
            s[0] = x.length / (shape[1] * shape[2] * shape[3]);
            float[] y = ort.first(x, s);
            java.nio.ByteBuffer o = java.nio.ByteBuffer.allocate(4 * y.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            o.asFloatBuffer().put(y);
            java.nio.file.Files.write(out, o.array());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
