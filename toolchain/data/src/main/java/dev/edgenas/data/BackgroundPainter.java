package dev.edgenas.data;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.random.RandomGenerator;

/**
 * Background: a gradient wall, sometimes a stripe or check texture, and clutter (boxes, blobs,
 * poles, polygons) whose colours are sometimes skin or hair tones, so that a network has to use
 * shape and context, not colour, to find the person. All of it is class background.
 */
final class BackgroundPainter {
    private BackgroundPainter() {
    }

    static void paint(LabelCanvas c, RandomGenerator rng) {
        double d = LabelCanvas.DESIGN;
        c.resetTransform();
        Color a = Tones.any(rng);
        Color b = rng.nextDouble() < 0.5 ? Tones.shade(a, 0.4 + 0.8 * rng.nextDouble()) : Tones.any(rng);
        c.fill(new Rectangle2D.Double(0, 0, d, d), new GradientPaint(
                (float) (rng.nextDouble() * d), 0f, a, (float) (rng.nextDouble() * d), (float) d, b), PortraitClasses.BACKGROUND);
        double texture = rng.nextDouble();
        if (texture < 0.25) {
            stripes(c, rng);
        } else if (texture < 0.4) {
            checks(c, rng);
        }
        int clutter = rng.nextInt(4, 15);
        for (int i = 0; i < clutter; i++) {
            clutterItem(c, rng);
        }
    }

    private static void stripes(LabelCanvas c, RandomGenerator rng) {
        Color col = Tones.withAlpha(Tones.any(rng), rng.nextInt(40, 160));
        double period = 3 + rng.nextDouble() * 14;
        double width = period * (0.2 + 0.5 * rng.nextDouble());
        c.placeAt(64, 64, rng.nextDouble() * Math.PI);
        Path2D.Double all = new Path2D.Double(); // one fill for all stripes: one rasteriser pass
        for (double x = -100; x < 100; x += period) {
            all.append(new Rectangle2D.Double(x, -100, width, 200), false);
        }
        c.paint(all, col);
        c.resetTransform();
    }

    private static void checks(LabelCanvas c, RandomGenerator rng) {
        Color col = Tones.withAlpha(Tones.any(rng), rng.nextInt(40, 140));
        double cell = 4 + rng.nextDouble() * 14;
        Path2D.Double all = new Path2D.Double();
        for (int y = 0; y * cell < LabelCanvas.DESIGN; y++) {
            for (int x = (y & 1); x * cell < LabelCanvas.DESIGN; x += 2) {
                all.append(new Rectangle2D.Double(x * cell, y * cell, cell, cell), false);
            }
        }
        c.paint(all, col);
    }

    private static void clutterItem(LabelCanvas c, RandomGenerator rng) {
        Color col = Tones.distractor(rng);
        double x = rng.nextDouble() * 140 - 6;
        double y = rng.nextDouble() * 140 - 6;
        double w = 4 + rng.nextDouble() * 40;
        double h = 4 + rng.nextDouble() * 40;
        c.placeAt(x, y, rng.nextDouble() * Math.PI);
        switch (rng.nextInt(5)) {
            case 0 -> c.fill(new Rectangle2D.Double(-w / 2, -h / 2, w, h), col, PortraitClasses.BACKGROUND);
            case 1 -> c.fill(new Ellipse2D.Double(-w / 2, -h / 2, w, h), col, PortraitClasses.BACKGROUND);
            case 2 -> c.fill(new RoundRectangle2D.Double(-w / 2, -h / 2, w, h, w / 3, h / 3), col, PortraitClasses.BACKGROUND);
            case 3 -> c.stroke(new Line2D.Double(-w, 0, w, 0), 0.7 + rng.nextDouble() * 4, col, PortraitClasses.BACKGROUND);
            default -> {
                Path2D.Double p = new Path2D.Double();
                int n = rng.nextInt(3, 7);
                for (int i = 0; i < n; i++) {
                    double ang = 2 * Math.PI * i / n + rng.nextDouble() * 0.6;
                    double r = (0.4 + 0.6 * rng.nextDouble()) * w / 2;
                    if (i == 0) {
                        p.moveTo(r * Math.cos(ang), r * Math.sin(ang));
                    } else {
                        p.lineTo(r * Math.cos(ang), r * Math.sin(ang));
                    }
                }
                p.closePath();
                c.fill(p, col, PortraitClasses.BACKGROUND);
            }
        }
        c.resetTransform();
    }
}
