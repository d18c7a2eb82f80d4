package dev.edgenas.data;

import java.awt.Color;
import java.util.random.RandomGenerator;

/** Random colours for the synthetic portraits: natural skin and hair tones, and anything else. */
final class Tones {
    // light to dark skin, interpolated between neighbours so tones vary continuously
    private static final int[] SKIN = {0xF6D7C3, 0xEAC0A0, 0xD9A67E, 0xC18A5E, 0x9E6B43, 0x7A4E2D, 0x553622};
    private static final int[] HAIR = {0x16110E, 0x2E1F16, 0x4A3021, 0x6E4A2E, 0xA57A4A, 0xD9B77A, 0xA8451E,
        0x8C8C8C, 0xDADADA};

    private Tones() {
    }

    static Color skin(RandomGenerator rng) {
        return jitter(interpolate(SKIN, rng), rng, 10);
    }

    static Color hair(RandomGenerator rng) {
        if (rng.nextDouble() < 0.08) {
            return any(rng); // dyed
        }
        return jitter(new Color(HAIR[rng.nextInt(HAIR.length)]), rng, 14);
    }

    static Color any(RandomGenerator rng) {
        return new Color(rng.nextInt(256), rng.nextInt(256), rng.nextInt(256));
    }

    /** Mostly anything; sometimes a skin or hair tone, so colour alone cannot tell a class. */
    static Color distractor(RandomGenerator rng) {
        double p = rng.nextDouble();
        return p < 0.15 ? skin(rng) : p < 0.25 ? hair(rng) : any(rng);
    }

    static Color withAlpha(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    /** Scales brightness: f < 1 darker, f > 1 lighter. */
    static Color shade(Color c, double f) {
        return new Color(clamp(c.getRed() * f), clamp(c.getGreen() * f), clamp(c.getBlue() * f));
    }

    static Color jitter(Color c, RandomGenerator rng, int amount) {
        return new Color(clamp(c.getRed() + rng.nextInt(-amount, amount + 1)),
                clamp(c.getGreen() + rng.nextInt(-amount, amount + 1)),
                clamp(c.getBlue() + rng.nextInt(-amount, amount + 1)));
    }

    private static Color interpolate(int[] ramp, RandomGenerator rng) {
        double t = rng.nextDouble() * (ramp.length - 1);
        int i = Math.min((int) t, ramp.length - 2);
        double f = t - i;
        Color a = new Color(ramp[i]);
        Color b = new Color(ramp[i + 1]);
        return new Color(clamp(a.getRed() + f * (b.getRed() - a.getRed())),
                clamp(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                clamp(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    static int clamp(double v) {
        return v <= 0 ? 0 : v >= 255 ? 255 : (int) (v + 0.5); // v > 0: truncation after +0.5 rounds
    }
}
