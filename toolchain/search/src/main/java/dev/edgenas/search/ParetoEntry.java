package dev.edgenas.search;

import java.util.List;

/**
 * One network of the final Pareto set, as written to pareto.json / pareto.csv.
 *
 * @param genome         canonical genome key
 * @param proxyMiou      mIoU on the validation subset after cutting (and BN recalibration)
 * @param finalMiou      mIoU on the full validation split after all its fine-tuning, or null when not fine-tuned
 * @param latencyMs      predicted latency per table
 * @param macs           MACs at batch 1
 * @param params         parameters
 * @param file           the ONNX file, relative to the output folder
 * @param screenMiou     mIoU on the full validation split after the screening round (the same budget for every
 *                       screened network, so it is what the proxy's rank correlation is computed on), or null
 * @param finetuneImages training images the network saw in fine-tuning, all rounds together
 * @param measuredMs     ONNX Runtime latency measured on this host at batch 1, or null when not measured
 */
public record ParetoEntry(String genome, double proxyMiou, Double finalMiou, List<Double> latencyMs, long macs,
                          long params, String file, Double screenMiou, int finetuneImages, Double measuredMs) {
    public ParetoEntry {
        latencyMs = List.copyOf(latencyMs);
    }

    /** A network as cut from the pretrained one, before any fine-tuning. */
    public static ParetoEntry cut(String genome, double proxyMiou, List<Double> latencyMs, long macs, long params,
                                  String file) {
        return new ParetoEntry(genome, proxyMiou, null, latencyMs, macs, params, file, null, 0, null);
    }

    /** After a round of fine-tuning on {@code images} more training images; the first round is the screening. */
    public ParetoEntry fineTuned(double miou, String newFile, int images) {
        return new ParetoEntry(genome, proxyMiou, miou, latencyMs, macs, params, newFile,
                screenMiou == null ? miou : screenMiou, finetuneImages + images, measuredMs);
    }

    public ParetoEntry withMeasured(double ms) {
        return new ParetoEntry(genome, proxyMiou, finalMiou, latencyMs, macs, params, file, screenMiou, finetuneImages,
                ms);
    }

    /** The search's cost axis: predicted latency on the first table, or MACs without tables. */
    public double cost() {
        return latencyMs.isEmpty() ? macs : latencyMs.get(0);
    }
}
