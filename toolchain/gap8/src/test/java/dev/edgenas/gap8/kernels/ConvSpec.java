package dev.edgenas.gap8.kernels;

import ai.onnx.proto.OnnxMl.AttributeProto;
import dev.edgenas.ir.Attrs;

/** Geometry of one conv test case (batch 1, CHW); pads are top, left, bottom, right. */
record ConvSpec(int inC, int outC, int h, int w, int kh, int kw, int stride, int dil,
                int padT, int padL, int padB, int padR, int groups) {

    static ConvSpec square(int inC, int outC, int hw, int k, int stride, int dil, int pad, int groups) {
        return new ConvSpec(inC, outC, hw, hw, k, k, stride, dil, pad, pad, pad, pad, groups);
    }

    int outH() {
        return (h + padT + padB - dil * (kh - 1) - 1) / stride + 1;
    }

    int outW() {
        return (w + padL + padR - dil * (kw - 1) - 1) / stride + 1;
    }

    long[] inShape() {
        return new long[] {1, inC, h, w};
    }

    long[] outShape() {
        return new long[] {1, outC, outH(), outW()};
    }

    long[] wShape() {
        return new long[] {outC, inC / groups, kh, kw};
    }

    int wCount() {
        return outC * (inC / groups) * kh * kw;
    }

    AttributeProto[] attrs() {
        return new AttributeProto[] {
            Attrs.ints("kernel_shape", kh, kw), Attrs.ints("strides", stride, stride),
            Attrs.ints("dilations", dil, dil), Attrs.ints("pads", padT, padL, padB, padR),
            Attrs.i("group", groups)};
    }

    /** The designated initialisers of en_conv2d_args_t for arrays named x, w, bias, y, mult, shift. */
    String[] cFields(QParam x, QParam y, int actMin, int actMax) {
        return new String[] {
            "x = x", "w = w", "bias = bias", "y = y", "mult = mult", "shift = shift",
            "in_c = " + inC, "in_h = " + h, "in_w = " + w,
            "out_c = " + outC, "out_h = " + outH(), "out_w = " + outW(),
            "k_h = " + kh, "k_w = " + kw, "stride_h = " + stride, "stride_w = " + stride,
            "dil_h = " + dil, "dil_w = " + dil,
            "pad_t = " + padT, "pad_l = " + padL, "pad_b = " + padB, "pad_r = " + padR,
            "groups = " + groups, "x_zp = " + x.zp(), "y_zp = " + y.zp(),
            "act_min = " + actMin, "act_max = " + actMax};
    }
}
