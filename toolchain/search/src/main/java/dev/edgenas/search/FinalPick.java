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
 * @param target        the run's target and whether it was met, or null when the run had none
 */
public record FinalPick(double referenceMiou, Double referenceMs, double maxDrop, String measurement,
                        ParetoEntry network, Double drop, Double speedup, boolean measured, Target target) {
    /**
     * The target of a run (search --target-speedup within --max-drop) and how the final stage fared.
     *
     * @param speedup        the speed-up wanted
     * @param met            whether the pick is at least that fast (it is within the tolerance by definition)
     * @param closest        when not met: the most accurate fine-tuned network at least that fast, or null when
     *                       none is (the pick is then the closest from the slow side)
     * @param closestSpeedup its speed-up (measured when measured)
     * @param closestDrop    its mIoU drop from the reference
     * @param trained        what the target round trained (or why it did not)
     */
    public record Target(double speedup, boolean met, ParetoEntry closest, Double closestSpeedup, Double closestDrop,
                         String trained) {
    }

    static FinalPick of(double referenceMiou, Double referenceMs, double maxDrop, String measurement,
                        ParetoEntry network, CandidateScore full) {
        return of(referenceMiou, referenceMs, maxDrop, measurement, network, full, null);
    }

    static FinalPick of(double referenceMiou, Double referenceMs, double maxDrop, String measurement,
                        ParetoEntry network, CandidateScore full, Target target) {
        if (network == null) {
            return new FinalPick(referenceMiou, referenceMs, maxDrop, measurement, null, null, null, false, target);
        }
        boolean measured = referenceMs != null && network.measuredMs() != null;
        Double speedup = null;
        if (measured) {
            speedup = referenceMs / network.measuredMs();
        } else if (!full.latencyMs().isEmpty()) {
            speedup = full.latencyMs().get(0) / network.latencyMs().get(0);
        }
        return new FinalPick(referenceMiou, referenceMs, maxDrop, measurement, network,
                referenceMiou - network.finalMiou(), speedup, measured, target);
    }

    /** One line on the target: met, or by how much the closest network missed it; empty without a target. */
    public String targetSummary() {
        if (target == null) {
            return "";
        }
        String want = String.format("%.2fx faster within %.1f points", target.speedup(), 100 * maxDrop);
        if (target.met()) {
            return "target " + want + ": met by the pick";
        }
        if (target.closest() == null) {
            return "target " + want + ": NOT met; no fine-tuned network is " + String.format("%.2fx", target.speedup())
                    + " faster" + (network == null ? "" : String.format(" (the pick, %.2fx, is the closest)", speedup));
        }
        return String.format("target %s: NOT met; closest: %s at %.2fx%s, %+.2f points (%.2f points outside)", want,
                target.closest().file(), target.closestSpeedup(), target.closest().measuredMs() != null
                        && referenceMs != null ? " measured" : " predicted", -100 * target.closestDrop(),
                100 * (target.closestDrop() - maxDrop));
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
