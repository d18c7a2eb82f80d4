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
     * Cross-entropy with per-class weights (null = none) and online hard example mining: the weighted mean
     * {@code sum(w_y * nll) / sum(w_y)} over the labelled pixels, or, when {@code ohemFraction} is in (0, 1), over
     * the {@code ceil(fraction * labelled)} pixels of the batch with the highest loss (ties at the threshold all
     * count). Which pixels are kept carries no gradient. Without weights and mining it is {@link #crossEntropy}.
     */
    public static NDArray crossEntropy(NDArray logits, NDArray labels, int ignore, float[] classWeights,
                                       double ohemFraction) {
        boolean mining = ohemFraction > 0 && ohemFraction < 1;
        if (classWeights == null && !mining) {
            return crossEntropy(logits, labels, ignore);
        }
        NDArray valid = labels.neq(ignore);
        NDArray safe = labels.mul(valid.toType(DataType.INT64, false));
        NDArray nll = logits.logSoftmax(1).gather(safe.expandDims(1), 1).squeeze(1).neg();
        NDArray weight = valid.toType(DataType.FLOAT32, false);
        if (mining) {
            long labelled = (long) weight.sum().getFloat(); // exact: a batch has far fewer than 2^24 pixels
            if (labelled > 0) {
                long keep = Math.max(1, (long) Math.ceil(ohemFraction * labelled));
                // ignored pixels sort first (loss -1 < any nll), so the keep-th largest is a labelled pixel's loss
                NDArray hardness = nll.stopGradient().mul(weight).add(weight.sub(1f)).flatten().sort();
                float threshold = hardness.getFloat(hardness.size() - keep);
                weight = weight.mul(nll.stopGradient().gte(threshold).toType(DataType.FLOAT32, false));
            }
        }
        if (classWeights != null) {
            NDArray perPixel = weight.zerosLike();
            for (int c = 0; c < classWeights.length; c++) {
                perPixel = perPixel.add(safe.eq(c).toType(DataType.FLOAT32, false).mul(classWeights[c]));
            }
            weight = weight.mul(perPixel);
        }
        return nll.mul(weight).sum().div(weight.sum().maximum(1e-12f));
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
