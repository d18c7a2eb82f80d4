package dev.edgenas.search;

import java.util.List;

/**
 * One network of the final Pareto set, as written to pareto.json / pareto.csv.
 *
 * @param genome     canonical genome key
 * @param proxyMiou  mIoU on the validation subset after cutting (and BN recalibration)
 * @param finalMiou  mIoU on the full validation split after fine-tuning, or null when not fine-tuned
 * @param latencyMs  predicted latency per table
 * @param macs       MACs at batch 1
 * @param params     parameters
 * @param file       the ONNX file, relative to the output folder
 */
public record ParetoEntry(String genome, double proxyMiou, Double finalMiou, List<Double> latencyMs, long macs,
                          long params, String file) {
    public ParetoEntry withFinal(double miou, String newFile) {
        return new ParetoEntry(genome, proxyMiou, miou, latencyMs, macs, params, newFile);
    }
}
