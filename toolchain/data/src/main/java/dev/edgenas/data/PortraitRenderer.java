package dev.edgenas.data;

import java.awt.Color;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Renders one synthetic portrait and its label map. Everything random comes from one generator
 * seeded from (dataset seed, split, index), so any image can be re-made alone, in any order, on any
 * thread, and comes out identical.
 */
public final class PortraitRenderer {
    /** Bumped whenever the pictures change, so that an old dataset on disk is not mistaken for a new one. */
    public static final String VERSION = "synthetic-portraits/1";

    static {
        // rendering needs no display; without this a set but unreachable DISPLAY would be tried
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private PortraitRenderer() {
    }

    /** A rendered sample: HWC RGB bytes (after lighting and noise) and the class of every pixel. */
    public record Rendered(int size, byte[] rgb, byte[] mask) {
    }

    /** The generator for one image; {@code stream} separates splits (0 train, 1 val). */
    public static RandomGenerator randomFor(long seed, int stream, int index) {
        long s = mix(mix(seed + 0x9E3779B97F4A7C15L) + ((long) stream << 40) + index);
        return new SplittableRandom(s);
    }

    public static Rendered render(long seed, int stream, int index, int size) {
        return render(randomFor(seed, stream, index), size);
    }

    public static Rendered render(RandomGenerator rng, int size) {
        LabelCanvas c = new LabelCanvas(size);
        try {
            BackgroundPainter.paint(c, rng);
            Head head = Head.random(rng);
            Color skin = Tones.skin(rng);
            Color hairColor = Tones.hair(rng);
            HairPainter hair = new HairPainter(head, hairColor, rng);
            hair.back(c, rng);
            FaceRenderer.neck(c, head, skin);
            FaceRenderer.clothes(c, head, rng);
            FaceRenderer.face(c, head, skin, rng);
            FaceRenderer.eyes(c, head, hairColor, rng);
            FaceRenderer.mouth(c, head, skin, rng);
            hair.front(c, rng);
            AccessoryPainter.paint(c, head, hair, rng);
            Occluders.paint(c, head, rng);
            byte[] rgb = PhotoEffects.apply(c.photoPixels(), size, rng);
            return new Rendered(size, rgb, c.labelMap());
        } finally {
            c.dispose();
        }
    }

    /** The SplitMix64 finaliser: spreads nearby seeds over the whole 64-bit range. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
