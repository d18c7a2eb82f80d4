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
}
