package dev.edgenas.models.space;

/**
 * One recognised Conv [+ BatchNormalization] [+ Relu | Clip] chain of the graph, named by its tensors and
 * initializers so that the cutter can slice it without knowing how the model was produced.
 *
 * @param convNode    name of the Conv node (its first output when unnamed)
 * @param input       tensor the Conv reads
 * @param weight      initializer of the Conv weight [out, in/groups, kh, kw]
 * @param bias        initializer of the Conv bias, or null (folded BatchNorm exports carry one)
 * @param bn          the BatchNormalization after the Conv, or null
 * @param output      the unit's final tensor (after the activation if there is one)
 * @param inChannels  input channels
 * @param outChannels output channels
 * @param kernel      kernel height (square kernels only)
 * @param groups      Conv groups
 * @param dilation    Conv dilation (equal in both axes)
 * @param activation  "relu", "clip", "hardswish" (the op or its opset-13 HardSigmoid/Mul form) or "none"
 */
public record ConvUnit(String convNode, String input, String weight, String bias, BatchNorm bn, String output,
                       int inChannels, int outChannels, int kernel, int groups, int dilation, String activation) {

    /**
     * BatchNormalization initializers.
     *
     * @param node    name of the BatchNormalization node
     * @param input   tensor it normalises (the Conv output)
     * @param scale   gamma
     * @param bias    beta
     * @param mean    running mean
     * @param var     running variance
     * @param epsilon epsilon attribute
     */
    public record BatchNorm(String node, String input, String scale, String bias, String mean, String var,
                            float epsilon) {
    }

    public boolean depthwise() {
        return groups > 1 && groups == inChannels && groups == outChannels;
    }

    public boolean pointwise() {
        return kernel == 1 && groups == 1;
    }
}
