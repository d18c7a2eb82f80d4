package dev.edgenas.data;

import java.awt.Color;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.random.RandomGenerator;

/**
 * Things in front of the person: a hand (often skin-coloured), a bar (a pole, a strap, a cable) or
 * a blob. They are labelled BACKGROUND: they are not part of the parsed person, and a skin-coloured
 * hand over the face is exactly what a portrait parser must not call skin.
 */
final class Occluders {
    private Occluders() {
    }

    static void paint(LabelCanvas c, Head h, RandomGenerator rng) {
        double p = rng.nextDouble();
        int count = p < 0.08 ? 2 : p < 0.35 ? 1 : 0;
        for (int i = 0; i < count; i++) {
            switch (rng.nextInt(3)) {
                case 0 -> hand(c, h, rng);
                case 1 -> bar(c, rng);
                default -> blob(c, h, rng);
            }
        }
        c.resetTransform();
    }

    private static void hand(LabelCanvas c, Head h, RandomGenerator rng) {
        double ang = rng.nextDouble() * 2 * Math.PI;
        double dist = h.rx() * (0.6 + rng.nextDouble() * 0.9);
        c.placeAt(h.cx() + Math.cos(ang) * dist, h.cy() + Math.sin(ang) * dist, rng.nextDouble() * 2 * Math.PI);
        double s = h.rx() * (0.35 + rng.nextDouble() * 0.25);
        Area hand = new Area(new Ellipse2D.Double(-s, -s * 0.9, 2 * s, 1.9 * s));
        for (int f = 0; f < 4; f++) {
            double fx = -s * 0.85 + f * s * 0.55;
            hand.add(new Area(new RoundRectangle2D.Double(fx, -s * (2.2 - 0.2 * Math.abs(f - 1.5)), s * 0.42,
                    s * 1.6, s * 0.4, s * 0.4)));
        }
        hand.add(new Area(new RoundRectangle2D.Double(s * 0.6, -s * 0.2, s * 1.2, s * 0.45, s * 0.4, s * 0.4)));
        Color col = rng.nextDouble() < 0.7 ? Tones.skin(rng) : Tones.any(rng);
        c.fill(hand, col, PortraitClasses.BACKGROUND);
        c.clipPhoto(hand);
        c.paint(new Ellipse2D.Double(-s, 0, 2 * s, s), Tones.withAlpha(Tones.shade(col, 0.7), 80));
        c.clipPhoto(null);
    }

    private static void bar(LabelCanvas c, RandomGenerator rng) {
        c.placeAt(rng.nextDouble() * 128, rng.nextDouble() * 128, rng.nextDouble() * Math.PI);
        double w = 1.5 + rng.nextDouble() * 9;
        c.fill(new Rectangle2D.Double(-200, -w / 2, 400, w), Tones.distractor(rng), PortraitClasses.BACKGROUND);
    }

    private static void blob(LabelCanvas c, Head h, RandomGenerator rng) {
        double x = h.cx() + (rng.nextDouble() * 2 - 1) * h.rx() * 1.5;
        double y = h.cy() + (rng.nextDouble() * 2 - 1) * h.ry() * 1.5;
        c.placeAt(x, y, rng.nextDouble() * Math.PI);
        double r = h.rx() * (0.2 + rng.nextDouble() * 0.4);
        Area a = new Area(new Ellipse2D.Double(-r, -r * 0.7, 2 * r, 1.4 * r));
        a.add(new Area(new Ellipse2D.Double(-r * 0.2, -r, r * 1.4, r * 1.2)));
        c.fill(a, Tones.distractor(rng), PortraitClasses.BACKGROUND);
    }
}
