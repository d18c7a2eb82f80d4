package dev.edgenas.runtime;

/** Per-pixel class decisions from NCHW logits, shared by evaluation and the search's scoring. */
public final class Logits {
    private Logits() {
    }

    /** Argmax over the class axis of image {@code b} of a batch of logits [n][classes][hw]. */
    public static int[] argmax(float[] logits, int b, int classes, int hw) {
        int[] pred = new int[hw];
        int base = b * classes * hw;
        for (int p = 0; p < hw; p++) {
            int best = 0;
            float bestV = logits[base + p];
            for (int c = 1; c < classes; c++) {
                float v = logits[base + c * hw + p];
                if (v > bestV) {
                    bestV = v;
                    best = c;
                }
            }
            pred[p] = best;
        }
        return pred;
    }
}
