package dev.edgenas.data;

import java.util.random.RandomGenerator;

/**
 * Camera and light: a linear lighting gradient in a random direction, overall exposure, a colour
 * cast, then per-pixel gaussian sensor noise. Changes the photo only, never the labels.
 */
final class PhotoEffects {
    private PhotoEffects() {
    }

    /** Applies the effects to 0xRRGGBB pixels of a size x size image and returns HWC RGB bytes. */
    static byte[] apply(int[] px, int size, RandomGenerator rng) {
        double dir = rng.nextDouble() * 2 * Math.PI;
        double strength = rng.nextDouble() * 0.5;
        double gain = 0.7 + rng.nextDouble() * 0.5;
        double[] cast = {0.9 + rng.nextDouble() * 0.2, 0.9 + rng.nextDouble() * 0.2, 0.9 + rng.nextDouble() * 0.2};
        double sigma = 1.5 + rng.nextDouble() * 7;
        double gx = Math.cos(dir) * strength / (size / 2.0);
        double gy = Math.sin(dir) * strength / (size / 2.0);
        double half = (size - 1) / 2.0;
        byte[] out = new byte[px.length * 3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int i = y * size + x;
                double light = gain * (1 + (x - half) * gx + (y - half) * gy);
                int p = px[i];
                for (int ch = 0; ch < 3; ch++) {
                    int v = (p >> (16 - 8 * ch)) & 0xFF;
                    out[3 * i + ch] = (byte) Tones.clamp(v * light * cast[ch] + sigma * rng.nextGaussian());
                }
            }
        }
        return out;
    }
}
