package dev.edgenas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Losses on NCHW logits. Cross-entropy skips the ignore label (log-softmax, gather of the true
 * class, mask); distillation is the pixel-wise KL divergence between temperature-softened teacher
 * and student distributions, scaled by T^2 so its gradients keep their size as T changes.
 */
public final class SegmentationLoss {
    private SegmentationLoss() {
    }

    /**
     * Mean negative log-likelihood over the labelled pixels.
     *
     * @param logits [B, C, H, W]
     * @param labels [B, H, W] int64 class ids, {@code ignore} for unlabelled pixels
     */
    public static NDArray crossEntropy(NDArray logits, NDArray labels, int ignore) {
        NDArray valid = labels.neq(ignore);
        NDArray safe = labels.mul(valid.toType(DataType.INT64, false));
        NDArray picked = logits.logSoftmax(1).gather(safe.expandDims(1), 1).squeeze(1);
        NDArray validF = valid.toType(DataType.FLOAT32, false);
        NDArray count = validF.sum().maximum(1f);
        return picked.mul(validF).sum().div(count).neg();
    }

    /**
     * {@code T^2 * mean over pixels of KL(softmax(teacher/T) || softmax(student/T))}, summed over classes.
     * The teacher's logits carry no gradient.
     */
    public static NDArray distillation(NDArray student, NDArray teacher, double temperature) {
        float invT = (float) (1 / temperature);
        NDArray t = teacher.stopGradient().mul(invT);
        NDArray logPt = t.logSoftmax(1);
        NDArray pt = logPt.exp();
        NDArray logPs = student.mul(invT).logSoftmax(1);
        NDArray kl = pt.mul(logPt.sub(logPs)).sum(new int[] {1});
        return kl.mean().mul((float) (temperature * temperature));
    }
}
