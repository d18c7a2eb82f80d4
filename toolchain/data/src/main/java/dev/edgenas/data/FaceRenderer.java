package dev.edgenas.data;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.awt.geom.Rectangle2D;
import java.util.random.RandomGenerator;

/**
 * The head and body of a synthetic portrait: neck, clothes, ears, face, eyes, eyebrows, nose
 * shading and mouth. Eyes and mouth are a few pixels tall at 128x128, so a network that
 * downsamples too early loses them.
 */
final class FaceRenderer {
    private FaceRenderer() {
    }

    static void neck(LabelCanvas c, Head h, Color skin) {
        c.placeAt(h.cx(), h.cy(), h.roll());
        c.fill(new Rectangle2D.Double(-0.40 * h.rx(), 0.2 * h.ry(), 0.80 * h.rx(), 1.9 * h.ry()),
                Tones.shade(skin, 0.85), PortraitClasses.SKIN);
    }

    static void clothes(LabelCanvas c, Head h, RandomGenerator rng) {
        c.placeAt(h.neckBaseX(), h.neckBaseY(), h.roll() * 0.3);
        double rx = h.rx();
        double ry = h.ry();
        double w = rx * (1.4 + rng.nextDouble() * 0.6);
        double top = -0.05 * ry;
        double n = 0.38 * rx;
        double depth = ry * (0.05 + rng.nextDouble() * 0.5);
        Path2D.Double p = new Path2D.Double();
        p.moveTo(-n, top);
        p.curveTo(-w * 0.7, top, -w, 0.15 * ry, -w, 0.5 * ry);
        p.lineTo(-w * 1.15, 200);
        p.lineTo(w * 1.15, 200);
        p.lineTo(w, 0.5 * ry);
        p.curveTo(w, 0.15 * ry, w * 0.7, top, n, top);
        if (rng.nextBoolean()) {
            p.lineTo(0, top + depth);                       // V neck
        } else {
            p.quadTo(0, top + 2 * depth, -n, top);          // round neck
        }
        p.closePath();
        Color col = Tones.distractor(rng);
        c.fill(p, new GradientPaint(0f, 0f, col, (float) w, (float) (2 * ry), Tones.shade(col, 0.7)),
                PortraitClasses.CLOTHES);
        if (rng.nextDouble() < 0.4) {                       // striped fabric: photo only
            c.clipPhoto(p);
            Color s = Tones.withAlpha(Tones.any(rng), 150);
            double period = 2 + rng.nextDouble() * 6;
            Path2D.Double stripes = new Path2D.Double();
            for (double y = top; y < 200; y += period) {
                stripes.append(new Rectangle2D.Double(-2 * w, y, 4 * w, period * 0.45), false);
            }
            c.paint(stripes, s);
            c.clipPhoto(null);
        }
        c.resetTransform();
    }

    static void face(LabelCanvas c, Head h, Color skin, RandomGenerator rng) {
        c.placeAt(h.cx(), h.cy(), h.roll());
        double rx = h.rx();
        double ry = h.ry();
        for (int side = -1; side <= 1; side += 2) {
            if (h.earVisible(side)) {
                double ex = h.earX(side);
                c.fill(new Ellipse2D.Double(ex - 0.16 * rx, h.eyeY() - 0.05 * ry, 0.32 * rx, 0.42 * ry),
                        Tones.shade(skin, 0.92), PortraitClasses.SKIN);
            }
        }
        Shape face = faceOutline(rx, ry, 0.7 + rng.nextDouble() * 0.3);
        double lx = (rng.nextDouble() * 2 - 1) * rx;
        c.fill(face, new GradientPaint((float) lx, (float) -ry, Tones.shade(skin, 1.08), (float) -lx, (float) ry,
                Tones.shade(skin, 0.85)), PortraitClasses.SKIN);
        // nose and cheeks: shading only, the class stays skin
        c.clipPhoto(face);
        double nx = h.featureDx() * 1.2;
        c.paintStroke(new QuadCurve2D.Double(nx + 0.03 * rx, h.eyeY() + 0.05 * ry, nx + 0.12 * rx, 0.2 * ry,
                nx - 0.02 * rx, 0.3 * ry + h.featureDy()), 0.9, Tones.withAlpha(Tones.shade(skin, 0.6), 120));
        if (rng.nextDouble() < 0.4) {
            Color blush = new Color(220, 90, 90, 40);
            c.paint(new Ellipse2D.Double(-0.75 * rx + nx, 0.15 * ry, 0.4 * rx, 0.25 * ry), blush);
            c.paint(new Ellipse2D.Double(0.35 * rx + nx, 0.15 * ry, 0.4 * rx, 0.25 * ry), blush);
        }
        c.clipPhoto(null);
        c.resetTransform();
    }

    static void eyes(LabelCanvas c, Head h, Color hair, RandomGenerator rng) {
        c.placeAt(h.cx(), h.cy(), h.roll());
        Color iris = rng.nextDouble() < 0.6 ? new Color(0x5A3A22) : Tones.any(rng);
        double open = rng.nextDouble() < 0.08 ? 0.08 : 0.32 + rng.nextDouble() * 0.3;
        double gaze = (rng.nextDouble() * 2 - 1) * 0.35;
        boolean brows = rng.nextDouble() < 0.92;
        double browW = h.ry() * (0.05 + rng.nextDouble() * 0.05);
        double browLift = h.ry() * (0.17 + rng.nextDouble() * 0.08);
        for (int side = -1; side <= 1; side += 2) {
            double ex = h.eyeX(side);
            double ey = h.eyeY();
            double ew = h.eyeHalfWidth(side);
            double eh = ew * open;
            Ellipse2D eye = new Ellipse2D.Double(ex - ew, ey - eh, 2 * ew, 2 * eh);
            c.fill(eye, Tones.jitter(new Color(0xEDE8E2), rng, 12), PortraitClasses.EYES);
            c.clipPhoto(eye);
            double ir = Math.min(ew * 0.5, eh * 1.3);
            double ix = ex + gaze * ew;
            c.paint(new Ellipse2D.Double(ix - ir, ey - ir, 2 * ir, 2 * ir), iris);
            c.paint(new Ellipse2D.Double(ix - ir * 0.45, ey - ir * 0.45, ir * 0.9, ir * 0.9), new Color(0x101010));
            c.clipPhoto(null);
            // the upper lid line belongs to the eye; for a blink it is all that is left of it
            c.stroke(new QuadCurve2D.Double(ex - ew, ey, ex, ey - 2 * eh, ex + ew, ey), 0.7,
                    new Color(0x2A1C16), PortraitClasses.EYES);
            if (brows) {
                double by = ey - browLift;
                c.stroke(new QuadCurve2D.Double(ex - 1.15 * ew, by + 0.02 * h.ry(), ex + side * 0.1 * ew,
                        by - 0.07 * h.ry(), ex + 1.2 * ew, by), browW, Tones.shade(hair, 0.8), PortraitClasses.HAIR);
            }
        }
        c.resetTransform();
    }

    static void mouth(LabelCanvas c, Head h, Color skin, RandomGenerator rng) {
        c.placeAt(h.cx(), h.cy(), h.roll());
        double mx = h.featureDx() * 1.1;
        double my = h.mouthY();
        double mw = h.rx() * (0.22 + rng.nextDouble() * 0.16) * (1 - Math.abs(h.yaw()) * 0.3);
        double up = h.ry() * (0.03 + rng.nextDouble() * 0.05);
        double lo = h.ry() * (0.04 + rng.nextDouble() * 0.07);
        double smile = h.ry() * (rng.nextDouble() * 2 - 1) * 0.05;
        Path2D.Double lips = new Path2D.Double();
        lips.moveTo(mx - mw, my - smile);
        lips.curveTo(mx - mw * 0.4, my - up * 1.4, mx + mw * 0.4, my - up * 1.4, mx + mw, my - smile);
        lips.curveTo(mx + mw * 0.5, my + lo * 1.4, mx - mw * 0.5, my + lo * 1.4, mx - mw, my - smile);
        lips.closePath();
        Color lip = rng.nextDouble() < 0.25 ? Tones.jitter(new Color(0xB0203A), rng, 40)
                : new Color(Tones.clamp(skin.getRed() * 0.85 + 30), Tones.clamp(skin.getGreen() * 0.6),
                        Tones.clamp(skin.getBlue() * 0.65));
        c.fill(lips, lip, PortraitClasses.MOUTH);
        c.clipPhoto(lips);
        if (rng.nextDouble() < 0.3) {                       // open mouth: dark inside, maybe teeth
            c.paint(new Ellipse2D.Double(mx - mw * 0.7, my - up * 0.4, mw * 1.4, lo * 1.1), new Color(0x3A1010));
            c.paint(new Rectangle2D.Double(mx - mw * 0.5, my - up * 0.4, mw, lo * 0.3), new Color(0xE8E4DA));
        } else {
            c.paintStroke(new QuadCurve2D.Double(mx - mw, my - smile, mx, my + smile * 0.5, mx + mw, my - smile),
                    0.6, Tones.shade(lip, 0.5));
        }
        c.clipPhoto(null);
        c.resetTransform();
    }

    /** An egg-shaped outline: round forehead, chin narrowed by {@code chin} (1 = ellipse). */
    static Shape faceOutline(double rx, double ry, double chin) {
        double k = 0.5523; // cubic approximation of a quarter circle
        Path2D.Double p = new Path2D.Double();
        p.moveTo(-rx, 0);
        p.curveTo(-rx, -k * ry, -k * rx, -ry, 0, -ry);
        p.curveTo(k * rx, -ry, rx, -k * ry, rx, 0);
        p.curveTo(rx, k * ry, k * rx * chin, ry, 0, ry);
        p.curveTo(-k * rx * chin, ry, -rx, k * ry, -rx, 0);
        p.closePath();
        return p;
    }
}
