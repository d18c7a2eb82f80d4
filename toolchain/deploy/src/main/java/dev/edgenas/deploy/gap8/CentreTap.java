package dev.edgenas.deploy.gap8;

/**
 * A dilated convolution whose off-centre taps only ever read padding is its centre tap, a 1x1 convolution,
 * exactly: padding holds the input zero point, whose centred value is 0, so those taps add nothing (in ONNX
 * Runtime's QLinearConv as in en_hwc.c). DeepLabV3's ASPP at small inputs is the case: rates 12/24/36 on a
 * 4x4 or 8x8 feature map. The 1x1 form needs 1/9 of the weights and a one-pixel input window, where the 3x3 form's
 * window spans the whole map over every input channel (more than L1 holds for MobileNetV3's 960 channels).
 */
final class CentreTap {
    private CentreTap() {
    }

    static IntLayer.Conv reduce(IntLayer.Conv c) {
        if (c.kh() % 2 == 0 || c.kw() % 2 == 0 || (c.kh() == 1 && c.kw() == 1)
                || !onlyCentre(c.output().h(), c.x().h(), c.kh(), c.sh(), c.dh(), c.padT())
                || !onlyCentre(c.output().w(), c.x().w(), c.kw(), c.sw(), c.dw(), c.padL())) {
            return c;
        }
        int per = c.x().c() / c.groups();
        int k = c.kh() * c.kw();
        int centre = (c.kh() / 2) * c.kw() + c.kw() / 2;
        byte[] w = new byte[c.output().c() * per];
        for (int i = 0; i < w.length; i++) {
            w[i] = c.weights()[i * k + centre];
        }
        // the centre tap of output o reads input o * stride (pads were (k-1)/2 * dilation; same output size)
        return new IntLayer.Conv(c.name(), c.x(), c.output(), w, c.bias(), c.weightScales(), 1, 1, c.sh(), c.sw(), 1, 1,
                0, 0, 0, 0, c.groups());
    }

    /** Whether along one axis every non-centre tap of every output lands in the padding, and the centre tap inside. */
    private static boolean onlyCentre(int out, int in, int k, int stride, int dilation, int pad) {
        int mid = k / 2;
        if (pad != mid * dilation || (long) (out - 1) * stride >= in) {
            return false;
        }
        for (int o = 0; o < out; o++) {
            for (int t = 0; t < k; t++) {
                long at = (long) o * stride - pad + (long) t * dilation;
                boolean inside = at >= 0 && at < in;
                if (inside != (t == mid)) {
                    return false;
                }
            }
        }
        return true;
    }
}
