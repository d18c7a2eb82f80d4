package dev.edgenas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cross-entropy with ignore and distillation: values and gradients against closed forms. */
class SegmentationLossTest {
    static final int B = 2;
    static final int C = 3;
    static final int H = 2;
    static final int W = 3;
    static final int P = B * H * W;
    static NDManager m;

    @BeforeAll
    static void start() {
        m = TorchRuntime.newManager(1);
    }

    @AfterAll
    static void stop() {
        m.close();
    }

    private static float[] softmax(float[] logits, int b, int p, float invT) {
        float[] out = new float[C];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < C; c++) {
            max = Math.max(max, logits[(b * C + c) * H * W + p] * invT);
        }
        double sum = 0;
        for (int c = 0; c < C; c++) {
            out[c] = (float) Math.exp(logits[(b * C + c) * H * W + p] * invT - max);
            sum += out[c];
        }
        for (int c = 0; c < C; c++) {
            out[c] /= (float) sum;
        }
        return out;
    }

    @Test
    void crossEntropySkipsIgnoredPixels() {
        float[] logits = OrtReference.random(1, B * C * H * W, 3f);
        long[] labels = {0, 1, 2, 255, 1, 0, 2, 2, 255, 255, 0, 1};
        double expected = 0;
        int count = 0;
        for (int b = 0; b < B; b++) {
            for (int p = 0; p < H * W; p++) {
                long y = labels[b * H * W + p];
                if (y != 255) {
                    expected -= Math.log(softmax(logits, b, p, 1)[(int) y]);
                    count++;
                }
            }
        }
        expected /= count;
        try (NDManager step = m.newSubManager()) {
            NDArray s = step.create(logits, new Shape(B, C, H, W));
            s.setRequiresGradient(true);
            NDArray y = step.create(labels, new Shape(B, H, W));
            float loss;
            try (GradientCollector gc = Engine.getEngine(TorchRuntime.ENGINE).newGradientCollector()) {
                NDArray l = SegmentationLoss.crossEntropy(s, y, 255);
                gc.backward(l);
                loss = l.getFloat();
            }
            assertEquals(expected, loss, 1e-5);
            float[] g = s.getGradient().toFloatArray();
            for (int b = 0; b < B; b++) {
                for (int p = 0; p < H * W; p++) {
                    long label = labels[b * H * W + p];
                    float[] sm = softmax(logits, b, p, 1);
                    for (int c = 0; c < C; c++) {
                        double want = label == 255 ? 0 : (sm[c] - (c == label ? 1 : 0)) / count;
                        assertEquals(want, g[(b * C + c) * H * W + p], 1e-6, "d/dlogit at b" + b + " p" + p + " c" + c);
                    }
                }
            }
            assertEquals(0, SegmentationLoss.crossEntropy(s, y.mul(0).add(255), 255).getFloat(), 1e-9, "all ignored");
        }
    }

    @Test
    void distillationIsZeroForTheTeacherItselfAndHasTheClosedFormGradient() {
        float t = 2.5f;
        float[] student = OrtReference.random(2, B * C * H * W, 3f);
        float[] teacher = OrtReference.random(3, B * C * H * W, 3f);
        try (NDManager step = m.newSubManager()) {
            NDArray s = step.create(student, new Shape(B, C, H, W));
            s.setRequiresGradient(true);
            float same;
            try (GradientCollector gc = Engine.getEngine(TorchRuntime.ENGINE).newGradientCollector()) {
                NDArray l = SegmentationLoss.distillation(s, step.create(student, new Shape(B, C, H, W)), t);
                gc.backward(l);
                same = l.getFloat();
            }
            assertEquals(0, same, 1e-6, "KL(p || p) = 0");
            for (float g : s.getGradient().toFloatArray()) {
                assertEquals(0, g, 1e-7, "no gradient when the student equals the teacher");
            }
            s.getGradient().subi(s.getGradient());
            try (GradientCollector gc = Engine.getEngine(TorchRuntime.ENGINE).newGradientCollector()) {
                NDArray l = SegmentationLoss.distillation(s, step.create(teacher, new Shape(B, C, H, W)), t);
                assertTrue(l.getFloat() > 0, "KL of different distributions is positive");
                gc.backward(l);
            }
            // d/ds of T^2 * mean_p KL = T * (softmax(s/T) - softmax(t/T)) / P
            float[] g = s.getGradient().toFloatArray();
            for (int b = 0; b < B; b++) {
                for (int p = 0; p < H * W; p++) {
                    float[] ps = softmax(student, b, p, 1 / t);
                    float[] pt = softmax(teacher, b, p, 1 / t);
                    for (int c = 0; c < C; c++) {
                        assertEquals(t * (ps[c] - pt[c]) / P, g[(b * C + c) * H * W + p], 1e-6);
                    }
                }
            }
        }
    }

    @Test
    void weightedCrossEntropyWithHardPixelMiningMatchesItsClosedForm() {
        float[] logits = OrtReference.random(4, B * C * H * W, 3f);
        long[] labels = {0, 1, 2, 255, 1, 0, 2, 2, 255, 255, 0, 1};
        float[] w = {0.5f, 2f, 3f};
        double fraction = 0.4;
        // the per-pixel losses of the labelled pixels, and the threshold that keeps the hardest 40 %
        java.util.List<double[]> px = new java.util.ArrayList<>(); // {b, p, nll}
        for (int b = 0; b < B; b++) {
            for (int p = 0; p < H * W; p++) {
                long y = labels[b * H * W + p];
                if (y != 255) {
                    px.add(new double[] {b, p, -Math.log(softmax(logits, b, p, 1)[(int) y])});
                }
            }
        }
        double[] sorted = px.stream().mapToDouble(r -> r[2]).sorted().toArray();
        int keep = (int) Math.ceil(fraction * sorted.length);
        double threshold = sorted[sorted.length - keep];
        double num = 0;
        double den = 0;
        double numAll = 0;
        double denAll = 0;
        for (double[] r : px) {
            float wy = w[(int) labels[(int) r[0] * H * W + (int) r[1]]];
            numAll += wy * r[2];
            denAll += wy;
            if (r[2] >= threshold - 1e-6) {
                num += wy * r[2];
                den += wy;
            }
        }
        try (NDManager step = m.newSubManager()) {
            NDArray s = step.create(logits, new Shape(B, C, H, W));
            s.setRequiresGradient(true);
            NDArray y = step.create(labels, new Shape(B, H, W));
            assertEquals(numAll / denAll, SegmentationLoss.crossEntropy(s, y, 255, w, 0).getFloat(), 1e-5, "weights only");
            assertEquals(SegmentationLoss.crossEntropy(s, y, 255).getFloat(),
                    SegmentationLoss.crossEntropy(s, y, 255, null, 0).getFloat(), 0, "neither: the plain loss");
            float loss;
            try (GradientCollector gc = Engine.getEngine(TorchRuntime.ENGINE).newGradientCollector()) {
                NDArray l = SegmentationLoss.crossEntropy(s, y, 255, w, fraction);
                gc.backward(l);
                loss = l.getFloat();
            }
            assertEquals(num / den, loss, 1e-5);
            assertTrue(loss > numAll / denAll, "the hardest pixels' mean exceeds the mean of all");
            // only the kept pixels get a gradient: w_y * (softmax - onehot) / sum of kept weights
            float[] g = s.getGradient().toFloatArray();
            int kept = 0;
            for (int b = 0; b < B; b++) {
                for (int p = 0; p < H * W; p++) {
                    long label = labels[b * H * W + p];
                    double nll = label == 255 ? 0 : -Math.log(softmax(logits, b, p, 1)[(int) label]);
                    boolean in = label != 255 && nll >= threshold - 1e-6;
                    kept += in ? 1 : 0;
                    float[] sm = softmax(logits, b, p, 1);
                    for (int c = 0; c < C; c++) {
                        double want = in ? w[(int) label] * (sm[c] - (c == label ? 1 : 0)) / den : 0;
                        assertEquals(want, g[(b * C + c) * H * W + p], 1e-6, "d/dlogit at b" + b + " p" + p + " c" + c);
                    }
                }
            }
            assertEquals(keep, kept, "ceil(0.4 x 9 labelled pixels) kept");
        }
    }

    @Test
    void medianFrequencyWeightsFavourRareClassesAndSkipAbsentOnes() {
        long[] counts = {700, 200, 100, 0};
        float[] mfb = ClassWeights.fromCounts(TrainOptions.ClassWeighting.MEDIAN_FREQUENCY, counts);
        // frequencies 0.7, 0.2, 0.1 -> median 0.2
        assertEquals(0.2 / 0.7, mfb[0], 1e-6);
        assertEquals(1.0, mfb[1], 1e-6);
        assertEquals(2.0, mfb[2], 1e-6);
        assertEquals(1.0, mfb[3], 0, "absent class");
        float[] sqrt = ClassWeights.fromCounts(TrainOptions.ClassWeighting.SQRT_MEDIAN_FREQUENCY, counts);
        assertEquals(Math.sqrt(2.0), sqrt[2], 1e-6);
        assertEquals(Math.sqrt(0.2 / 0.7), sqrt[0], 1e-6);
    }
}
