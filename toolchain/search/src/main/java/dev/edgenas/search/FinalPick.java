package dev.edgenas.search;

/**
 * The answer of the final stage: the fastest fine-tuned network within {@code maxDrop} of the pretrained model's
 * mIoU on the whole validation split. Fastest by latency measured on this host when the first table describes it,
 * by the first table's prediction otherwise.
 *
 * @param referenceMiou the pretrained model's mIoU on the whole validation split
 * @param referenceMs   the pretrained model's measured latency, or null when not measured
 * @param maxDrop       tolerance (fraction: 0.03 is 3 points)
 * @param measurement   how latency was measured, or why it was not
 * @param network       the picked network, or null when no fine-tuned network is within the tolerance
 * @param drop          reference minus the network's final mIoU, or null
 * @param speedup       measured reference / network latency when both were measured, else the predicted ratio
 *                      (first table), or null
 * @param measured      whether the speed-up is a measured one
 */
public record FinalPick(double referenceMiou, Double referenceMs, double maxDrop, String measurement,
                        ParetoEntry network, Double drop, Double speedup, boolean measured) {
    static FinalPick of(double referenceMiou, Double referenceMs, double maxDrop, String measurement,
                        ParetoEntry network, CandidateScore full) {
        if (network == null) {
            return new FinalPick(referenceMiou, referenceMs, maxDrop, measurement, null, null, null, false);
        }
        boolean measured = referenceMs != null && network.measuredMs() != null;
        Double speedup = null;
        if (measured) {
            speedup = referenceMs / network.measuredMs();
        } else if (!full.latencyMs().isEmpty()) {
            speedup = full.latencyMs().get(0) / network.latencyMs().get(0);
        }
        return new FinalPick(referenceMiou, referenceMs, maxDrop, measurement, network,
                referenceMiou - network.finalMiou(), speedup, measured);
    }

    /** One line for people: the pick with its accuracy and speed-up, or that there is none. */
    public String summary() {
        if (network == null) {
            return String.format("no fine-tuned network within %.1f points of the pretrained model (mIoU %.4f)",
                    100 * maxDrop, referenceMiou);
        }
        return String.format("pick: %s, mIoU %.4f (%+.2f points vs %.4f), %s%.2fx faster%s", network.file(),
                network.finalMiou(), -100 * drop, referenceMiou, measured ? "measured " : "predicted ",
                speedup == null ? Double.NaN : speedup,
                measured ? String.format(" (%.3f vs %.3f ms)", network.measuredMs(), referenceMs) : "");
    }
}
