package dev.edgenas.models.space;

import java.util.List;

/**
 * A genome resolved to concrete sizes.
 *
 * @param depths       blocks kept per stage
 * @param widths       expanded width per block in backbone order (full width for dropped blocks and blocks
 *                     without an expand conv)
 * @param branchKept   per ASPP branch (concat order) whether it is kept
 * @param rates        per ASPP branch its dilation (1 for non-atrous branches)
 * @param asppWidth    width of the ASPP branches and projection
 * @param lowWidth     decoder low-level projection width (0 without decoder)
 * @param decoderWidth decoder conv width
 * @param decoderConvs decoder convs kept
 */
public record SubnetSpec(List<Integer> depths, List<Integer> widths, List<Boolean> branchKept, List<Integer> rates,
                         int asppWidth, int lowWidth, int decoderWidth, int decoderConvs) {
    public SubnetSpec {
        depths = List.copyOf(depths);
        widths = List.copyOf(widths);
        branchKept = List.copyOf(branchKept);
        rates = List.copyOf(rates);
    }

    public int keptBranches() {
        return (int) branchKept.stream().filter(b -> b).count();
    }
}
