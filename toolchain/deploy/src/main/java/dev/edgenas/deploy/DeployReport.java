package dev.edgenas.deploy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.edgenas.deploy.gap8.MemoryPlan;
import dev.edgenas.deploy.verify.FloatIslandCost;
import dev.edgenas.deploy.verify.LatencyComparison;
import dev.edgenas.deploy.verify.OrtKernelCheck;
import java.util.List;
import java.util.Map;

/**
 * What a deployment produced and measured.
 *
 * @param target          cpu, android or gap8
 * @param bundle          the bundle folder
 * @param modelFile       the int8 model inside the bundle
 * @param activations     int8 or uint8
 * @param calibration     range method (and percentile)
 * @param calibImages     calibration images used
 * @param valImages       validation images the mIoU figures come from
 * @param fp32Miou        mIoU of the fp32 model on the validation split
 * @param int8Miou        mIoU of the int8 model on the same images
 * @param miouDropPoints  (fp32 - int8) x 100
 * @param latency         fp32 vs int8 latency in ONNX Runtime on this CPU
 * @param ortKernels      operators ORT runs for the int8 model (after its graph optimisation)
 * @param floatIslands    cost of the operators ORT runs in float inside the int8 model (null when none)
 * @param predicted       predicted latency on the given table (null without --latency-table)
 * @param gap8            GAP8 checks (null for other targets)
 * @param targetsMet      "miouDrop<=1" and "latencyRatio<=0.6" -> met
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeployReport(String target, String bundle, String modelFile, String activations, String calibration,
                           int calibImages, int valImages, double fp32Miou, double int8Miou, double miouDropPoints,
                           LatencyComparison latency, OrtKernelCheck ortKernels, FloatIslandCost floatIslands, Predicted predicted, Gap8Checks gap8,
                           Map<String, Boolean> targetsMet) {

    /**
     * @param table          the table file
     * @param device         its device id
     * @param precision      the table's precision (kernel keys were looked up at it)
     * @param ms             predicted end-to-end latency
     * @param estimatedKernels kernels missing from the table (estimated)
     * @param kernels        kernels in the network
     * @param warnings       why the table may not fit this target (another device, simulated), or null
     */
    public record Predicted(String table, String device, String precision, double ms, int estimatedKernels, int kernels,
                            List<String> warnings) {
    }

    /**
     * @param hostArgmaxAgreement share of pixels whose argmax equals ONNX Runtime's int8 run
     * @param hostExactValues     share of output values identical to ORT's
     * @param hostWithinOne       share within one quantisation step
     * @param checksum            FNV-1a 32 of the int8 output (what the board must print)
     * @param hostCycles          host-sim cycles (host time at the cluster clock: NOT GAP8 cycles)
     * @param riscvCodeBytes      code size of the rv32imc objects (null when not compiled)
     * @param memory              the memory plan
     */
    public record Gap8Checks(Double hostArgmaxAgreement, Double hostExactValues, Double hostWithinOne, String checksum,
                             Long hostCycles, Long riscvCodeBytes, String memorySummary, MemoryPlan memory, int images,
                             List<String> hostArgmaxChecksums, Gap8Simulated gvsoc) {
    }

    /**
     * The project run whole on GVSOC (deploy --gvsoc).
     *
     * @param images          inputs run
     * @param checksumsMatch  every output checksum equals the host build's (the same output, so the same agreement)
     * @param argmaxAgreement argmax agreement with ONNX Runtime int8 (of the host build's identical outputs)
     * @param cycles          cluster cycles of the whole network, first image
     * @param ms              at the cluster clock (175 MHz)
     * @param layerCycles     per layer, first image
     * @param predictedCycles the latency table's prediction for the network (when deploy was given a GAP8 table)
     * @param wallSeconds     simulation wall time
     */
    public record Gap8Simulated(int images, boolean checksumsMatch, Double argmaxAgreement, long cycles, double ms,
                                List<Long> layerCycles, Long predictedCycles, double wallSeconds, String command) {
    }

    /** Human summary, a few lines. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s bundle in %s (%s activations, %s calibration on %d images)%n", target, bundle,
                activations, calibration, calibImages));
        sb.append(String.format("mIoU fp32 %.4f  int8 %.4f  drop %.2f points (%d validation images)%n", fp32Miou, int8Miou,
                miouDropPoints, valImages));
        sb.append(String.format("ONNX Runtime latency, batch 1, %d threads: fp32 %.2f ms  int8 %.2f ms  ratio %.3f%n",
                latency.threads(), latency.fp32Ms(), latency.int8Ms(), latency.ratio()));
        sb.append("ORT runs: ").append(ortKernels.summary()).append(System.lineSeparator());
        if (floatIslands != null) {
            sb.append(floatIslands.summary()).append(System.lineSeparator());
        }
        if (predicted != null) {
            sb.append(String.format("predicted on %s (%s, %s): %.2f ms (%d of %d kernels estimated)%n", predicted.table(),
                    predicted.device(), predicted.precision(), predicted.ms(), predicted.estimatedKernels(),
                    predicted.kernels()));
            if (predicted.warnings() != null) {
                predicted.warnings().forEach(w -> sb.append("warning: ").append(w).append(System.lineSeparator()));
            }
        }
        if (gap8 != null) {
            if (gap8.hostArgmaxAgreement() != null) {
                sb.append(String.format("GAP8 C on host vs ORT int8: argmax agreement %.2f%%, values exact %.2f%%, within 1: %.2f%%, checksum %s%n",
                        100 * gap8.hostArgmaxAgreement(), 100 * gap8.hostExactValues(), 100 * gap8.hostWithinOne(),
                        gap8.checksum()));
            }
            sb.append(gap8.memorySummary()).append(System.lineSeparator());
            if (gap8.gvsoc() != null) {
                Gap8Simulated g = gap8.gvsoc();
                sb.append(String.format("GVSOC (GAPuino): %d images, checksums %s the host build's, %d cluster cycles = %.2f ms at"
                                + " 175 MHz%s%n", g.images(), g.checksumsMatch() ? "equal to" : "DIFFERENT from", g.cycles(), g.ms(),
                        g.predictedCycles() == null ? "" : String.format(" (table predicted %d)", g.predictedCycles())));
            }
        }
        targetsMet.forEach((k, v) -> sb.append(k).append(": ").append(v ? "met" : "NOT met").append("  "));
        return sb.toString().trim();
    }
}
