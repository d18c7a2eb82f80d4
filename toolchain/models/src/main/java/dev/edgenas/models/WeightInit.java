package dev.edgenas.models;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Deterministic weights. Each tensor draws from its own generator, seeded by the model seed and the
 * tensor's name, so a tensor's values do not depend on which other layers a config keeps: two configs
 * built with one seed share every same-named, same-shaped tensor.
 */
final class WeightInit {
    private final long seed;

    WeightInit(long seed) {
        this.seed = seed;
    }

    /**
     * He (Kaiming) normal, fan-in mode: std = sqrt(gain / fanIn). Gain 2 before a ReLU keeps activation
     * variance roughly constant layer to layer; gain 1 for layers with no activation after them (the
     * linear bottleneck projections, the classifier), so that residual sums and logits stay near unit scale.
     */
    float[] heNormal(String name, int count, int fanIn, double gain) {
        Random r = new Random(mix(seed, name));
        double std = Math.sqrt(gain / fanIn);
        float[] w = new float[count];
        for (int i = 0; i < count; i++) {
            w[i] = (float) (r.nextGaussian() * std);
        }
        return w;
    }

    static float[] filled(int count, float value) {
        float[] f = new float[count];
        java.util.Arrays.fill(f, value);
        return f;
    }

    /** FNV-1a over the name's UTF-8 bytes, combined with the seed through the SplitMix64 finaliser. */
    static long mix(long seed, String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        long z = seed + 0x9e3779b97f4a7c15L * (h | 1);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
