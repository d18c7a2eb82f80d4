package dev.edgenas.data;

import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.QuadCurve2D;
import java.awt.geom.RoundRectangle2D;
import java.util.random.RandomGenerator;

/**
 * Accessories (one class): glasses whose frames are 0.7 to 2 pixels wide at 128x128, sunglasses,
 * earrings, hats and necklaces. Clear lenses only tint the photo; the eyes behind stay eyes.
 */
final class AccessoryPainter {
    private AccessoryPainter() {
    }

    static void paint(LabelCanvas c, Head h, HairPainter hair, RandomGenerator rng) {
        if (rng.nextDouble() < 0.15) {
            necklace(c, h, rng);
        }
        if (rng.nextDouble() < 0.3) {
            earrings(c, h, rng);
        }
        if (rng.nextDouble() < 0.38) {
            glasses(c, h, rng);
        }
        if (rng.nextDouble() < 0.18) {
            hat(c, h, hair, rng);
        }
    }

    private static void glasses(LabelCanvas c, Head h, RandomGenerator rng) {
        c.placeAt(h.cx(), h.cy(), h.roll());
        double width = 0.7 + rng.nextDouble() * 1.3;
        Color frame = rng.nextDouble() < 0.6 ? Tones.jitter(new Color(0x202020), rng, 20) : Tones.any(rng);
        boolean sun = rng.nextDouble() < 0.2;
        boolean round = rng.nextBoolean();
        double fh = h.ry() * (0.12 + rng.nextDouble() * 0.08);
        double ey = h.eyeY() + 0.02 * h.ry();
        double[] inner = new double[2];
        for (int side = -1, k = 0; side <= 1; side += 2, k++) {
            double ex = h.eyeX(side);
            double fw = h.eyeHalfWidth(side) * (1.4 + rng.nextDouble() * 0.4);
            Shape lens = round ? new Ellipse2D.Double(ex - fw, ey - fh, 2 * fw, 2 * fh)
                    : new RoundRectangle2D.Double(ex - fw, ey - fh, 2 * fw, 2 * fh, fw * 0.6, fh * 0.6);
            if (sun) {
                c.fill(lens, Tones.jitter(new Color(0x141418), rng, 15), PortraitClasses.ACCESSORIES);
            } else {
                c.paint(lens, new Color(200, 220, 255, rng.nextInt(0, 60)));
            }
            c.stroke(lens, width, frame, PortraitClasses.ACCESSORIES);
            inner[k] = ex - side * fw;
            if (h.earVisible(side)) {
                c.stroke(new Line2D.Double(ex + side * fw, ey - fh * 0.5, h.earX(side), ey), width, frame,
                        PortraitClasses.ACCESSORIES);
            }
        }
        c.stroke(new QuadCurve2D.Double(inner[0], ey - fh * 0.3, (inner[0] + inner[1]) / 2, ey - fh * 0.9,
                inner[1], ey - fh * 0.3), width, frame, PortraitClasses.ACCESSORIES);
        c.resetTransform();
    }

    private static void earrings(LabelCanvas c, Head h, RandomGenerator rng) {
        c.placeAt(h.cx(), h.cy(), h.roll());
        Color col = rng.nextBoolean() ? Tones.jitter(new Color(0xD4AF37), rng, 30) : Tones.any(rng);
        double r = 0.8 + rng.nextDouble() * 2;
        boolean hoop = rng.nextBoolean();
        for (int side = -1; side <= 1; side += 2) {
            if (!h.earVisible(side)) {
                continue;
            }
            double x = h.earX(side);
            double y = h.eyeY() + 0.38 * h.ry() + (hoop ? r : 0);
            Ellipse2D ring = new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r);
            if (hoop) {
                c.stroke(ring, 0.7, col, PortraitClasses.ACCESSORIES);
            } else {
                c.fill(ring, col, PortraitClasses.ACCESSORIES);
            }
        }
        c.resetTransform();
    }

    private static void hat(LabelCanvas c, Head h, HairPainter hair, RandomGenerator rng) {
        c.placeAt(h.cx(), h.cy(), h.roll());
        Color col = Tones.any(rng);
        double rx = h.rx();
        double ry = h.ry();
        double base = hair.hairline() + ry * (rng.nextDouble() * 0.15);
        if (rng.nextBoolean()) {                            // brimmed hat
            double bw = rx * (1.3 + rng.nextDouble() * 0.4);
            c.fill(new RoundRectangle2D.Double(-rx * 0.95, base - ry * 0.9, rx * 1.9, ry * 0.95, rx * 0.6, rx * 0.6),
                    col, PortraitClasses.ACCESSORIES);
            c.fill(new Ellipse2D.Double(-bw, base - ry * 0.1, 2 * bw, ry * 0.22), Tones.shade(col, 0.8),
                    PortraitClasses.ACCESSORIES);
        } else {                                            // beanie
            c.fill(new Ellipse2D.Double(-rx * 1.1, base - ry * 1.0, rx * 2.2, ry * 1.3), col,
                    PortraitClasses.ACCESSORIES);
            c.clipPhoto(new Ellipse2D.Double(-rx * 1.1, base - ry * 1.0, rx * 2.2, ry * 1.3));
            c.paint(new java.awt.geom.Rectangle2D.Double(-rx * 1.2, base, rx * 2.4, ry * 0.4), Tones.shade(col, 0.75));
            c.clipPhoto(null);
        }
        c.resetTransform();
    }

    private static void necklace(LabelCanvas c, Head h, RandomGenerator rng) {
        c.placeAt(h.neckBaseX(), h.neckBaseY(), h.roll() * 0.3);
        double n = 0.36 * h.rx();
        double drop = h.ry() * (0.1 + rng.nextDouble() * 0.35);
        Color col = rng.nextBoolean() ? Tones.jitter(new Color(0xC0C0C8), rng, 30) : Tones.any(rng);
        c.stroke(new QuadCurve2D.Double(-n, -0.1 * h.ry(), 0, drop * 2, n, -0.1 * h.ry()), 0.7 + rng.nextDouble() * 0.6,
                col, PortraitClasses.ACCESSORIES);
        c.resetTransform();
    }
}
