package dev.edgenas.models;

/**
 * The naming scheme of DeepLabV3+ graphs (see docs/MODELS.md). A layer prefix P such as
 * {@code backbone.s2.b1.expand} owns the initializers {@code P.conv.weight}, {@code P.bn.scale},
 * {@code P.bn.bias}, {@code P.bn.mean}, {@code P.bn.var} and the nodes {@code P.conv}, {@code P.bn} and
 * {@code P.relu6} or {@code P.relu}; every node is named like its single output tensor.
 * Stage, block, atrous and decoder-conv indices are 1-based.
 */
public final class DeepLabNames {
    public static final String INPUT = "input";
    public static final String OUTPUT = "logits";
    public static final String STEM = "backbone.stem";
    public static final String ASPP_CONV1X1 = "aspp.conv1x1";
    public static final String ASPP_POOL = "aspp.pool";
    public static final String ASPP_CONCAT = "aspp.concat";
    public static final String ASPP_PROJECT = "aspp.project";
    public static final String DECODER_UPSAMPLE = "decoder.upsample";
    public static final String DECODER_LOW = "decoder.low";
    public static final String DECODER_CONCAT = "decoder.concat";
    public static final String CLASSIFIER = "decoder.classifier";
    public static final String RELU6_MIN = "const.relu6.min";
    public static final String RELU6_MAX = "const.relu6.max";

    private DeepLabNames() {
    }

    /** {@code backbone.s{stage}.b{block}}, 1-based. */
    public static String block(int stage, int block) {
        return "backbone.s" + stage + ".b" + block;
    }

    /** {@code aspp.atrous{i}}, 1-based: the branch with rate rates[i-1]. */
    public static String atrous(int i) {
        return "aspp.atrous" + i;
    }

    /** {@code decoder.conv{i}}, 1-based. */
    public static String decoderConv(int i) {
        return "decoder.conv" + i;
    }

    public static String convWeight(String prefix) {
        return prefix + ".conv.weight";
    }

    /** BN parameter: part is scale, bias, mean or var. */
    public static String bn(String prefix, String part) {
        return prefix + ".bn." + part;
    }
}
