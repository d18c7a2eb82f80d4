package dev.edgenas.deploy.gap8;

/**
 * One int8 activation of the GAP8 network: CHW shape (batch 1) and its quantisation in the int8
 * domain of the en_* kernels (uint8 parameters are shifted by -128, which is exact).
 */
public record QTensor(String name, int c, int h, int w, float scale, int zeroPoint) {
    public int bytes() {
        return c * h * w;
    }

    public String shape() {
        return c + "x" + h + "x" + w;
    }
}
