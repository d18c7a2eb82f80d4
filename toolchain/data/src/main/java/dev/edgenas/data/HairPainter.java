package dev.edgenas.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.util.random.RandomGenerator;

/**
 * Hair in one of several styles (short, long, bangs, long with bangs, bun, buzz cut), with a strand
 * texture and loose strands about one pixel wide that cross the face and the background; those
 * strands and the jagged fringe are the thin structures that need full resolution.
 */
final class HairPainter {
    enum Style { SHORT, LONG, BANGS, LONG_BANGS, BUN, BUZZ }

    private final Head h;
    private final Color color;
    private final Style style;
    private final double hairline;   // forehead hairline, head frame y
    private final double temple;     // where the hair meets the side of the face
    private final double volume;     // how far the hair stands off the skull

    HairPainter(Head h, Color color, RandomGenerator rng) {
        this.h = h;
        this.color = color;
        Style[] all = Style.values();
        double p = rng.nextDouble();
        this.style = p < 0.04 ? Style.BUZZ : all[rng.nextInt(all.length - 1)];
        this.hairline = -h.ry() * (0.45 + rng.nextDouble() * 0.2);
        this.temple = h.ry() * (-0.25 + rng.nextDouble() * 0.35);
        this.volume = 1.05 + rng.nextDouble() * 0.17;
    }

    Style style() {
        return style;
    }

    double hairline() {
        return hairline;
    }

    private boolean isLong() {
        return style == Style.LONG || style == Style.LONG_BANGS;
    }

    /** Long hair behind the neck and shoulders; paint before the neck. */
    void back(LabelCanvas c, RandomGenerator rng) {
        if (!isLong()) {
            return;
        }
        c.placeAt(h.cx(), h.cy(), h.roll());
        double w = h.rx() * (1.1 + rng.nextDouble() * 0.3);
        double len = h.ry() * (1.3 + rng.nextDouble() * 0.9);
        c.fill(new RoundRectangle2D.Double(-w, -0.5 * h.ry(), 2 * w, len + 0.5 * h.ry(), w, w * 0.8),
                Tones.shade(color, 0.8), PortraitClasses.HAIR);
        c.resetTransform();
    }

    /** The hair over the head, fringe, side locks and loose strands; paint after the face. */
    void front(LabelCanvas c, RandomGenerator rng) {
        c.placeAt(h.cx(), h.cy(), h.roll());
        double rx = h.rx();
        double ry = h.ry();
        Area hair = new Area(new Ellipse2D.Double(-rx * volume, -ry * (volume + 0.05), 2 * rx * volume,
                2 * ry * volume));
        hair.intersect(new Area(aboveHairline(rx, ry, rng)));
        if (style == Style.BANGS || style == Style.LONG_BANGS) {
            hair.add(new Area(fringe(rx, ry, rng)));
        }
        if (style == Style.BUN) {
            double r = rx * (0.3 + rng.nextDouble() * 0.15);
            hair.add(new Area(new Ellipse2D.Double(-r, -ry * volume - r * 1.2, 2 * r, 2 * r)));
        }
        if (isLong()) {
            for (int side = -1; side <= 1; side += 2) {
                double x0 = side * rx * (0.78 + rng.nextDouble() * 0.15);
                double lw = rx * (0.25 + rng.nextDouble() * 0.2);
                double len = ry * (1.2 + rng.nextDouble() * 0.9);
                hair.add(new Area(new RoundRectangle2D.Double(side < 0 ? x0 - lw : x0 - lw * 0.3, temple - 0.2 * ry,
                        lw * 1.3, len, lw, lw)));
            }
        }
        // a buzz cut lets the scalp show through: hair by class, half skin by colour
        Color fill = style == Style.BUZZ ? Tones.withAlpha(color, 150) : color;
        c.fill(hair, fill, PortraitClasses.HAIR);
        c.clipPhoto(hair);                                  // strand texture, photo only
        Color light = Tones.withAlpha(Tones.shade(color, 1.35), 90);
        Color dark = Tones.withAlpha(Tones.shade(color, 0.6), 90);
        Path2D.Double[] strands = {new Path2D.Double(), new Path2D.Double()};
        for (int i = 0; i < 24; i++) {
            double x = (rng.nextDouble() * 2 - 1) * rx * 1.2;
            Shape strand = new CubicCurve2D.Double(x, -ry * 1.3, x + rng.nextDouble() * 6 - 3, -ry * 0.5,
                    x * 1.2, 0, x * 1.3, ry * 2);
            strands[i % 2].append(new BasicStroke((float) (0.4 + rng.nextDouble() * 0.5), BasicStroke.CAP_ROUND,
                    BasicStroke.JOIN_ROUND).createStrokedShape(strand), false);
        }
        c.paint(strands[0], light);                       // one rasteriser pass per shade
        c.paint(strands[1], dark);
        c.clipPhoto(null);
        looseStrands(c, rng);
        c.resetTransform();
    }

    /** A few strands about a pixel wide falling from the hairline over the forehead or outwards. */
    private void looseStrands(LabelCanvas c, RandomGenerator rng) {
        if (style == Style.BUZZ) {
            return;
        }
        int n = rng.nextInt(0, 7);
        for (int i = 0; i < n; i++) {
            double side = rng.nextBoolean() ? 1 : -1;
            double x0 = side * h.rx() * rng.nextDouble() * 0.9;
            double y0 = hairline + rng.nextDouble() * 0.05 * h.ry();
            double x1 = x0 + side * h.rx() * (0.2 + rng.nextDouble() * 0.8);
            double y1 = y0 + h.ry() * (0.3 + rng.nextDouble() * 0.9);
            c.stroke(new CubicCurve2D.Double(x0, y0, x0 + side * 3, y0 + 6, x1 - side * 4, y1 - 8, x1, y1),
                    0.6 + rng.nextDouble() * 0.7, Tones.shade(color, 0.9 + rng.nextDouble() * 0.3), PortraitClasses.HAIR);
        }
    }

    /** Everything above the hairline: the forehead arc in the middle, down to the temples at the sides. */
    private Path2D aboveHairline(double rx, double ry, RandomGenerator rng) {
        double part = (rng.nextDouble() * 2 - 1) * 0.25 * rx;
        double hl = style == Style.BUZZ ? hairline - 0.1 * ry : hairline;
        Path2D.Double p = new Path2D.Double();
        p.moveTo(-4 * rx, -4 * ry);
        p.lineTo(4 * rx, -4 * ry);
        p.lineTo(4 * rx, temple);
        p.lineTo(0.93 * rx, temple);
        p.quadTo(0.85 * rx, hl, 0.3 * rx + part, hl);
        p.lineTo(-0.3 * rx + part, hl);
        p.quadTo(-0.85 * rx, hl, -0.93 * rx, temple);
        p.lineTo(-4 * rx, temple);
        p.closePath();
        return p;
    }

    /** A fringe with a jagged lower edge over the forehead, sometimes down over the eyebrows. */
    private Path2D fringe(double rx, double ry, RandomGenerator rng) {
        double bottom = -ry * (0.12 + rng.nextDouble() * 0.3);
        int teeth = rng.nextInt(5, 12);
        double depth = ry * (0.04 + rng.nextDouble() * 0.12);
        double x0 = -0.88 * rx;
        double x1 = 0.88 * rx;
        Path2D.Double p = new Path2D.Double();
        p.moveTo(x0, hairline - 0.2 * ry);
        p.lineTo(x1, hairline - 0.2 * ry);
        p.lineTo(x1, bottom - depth);
        for (int i = teeth; i >= 0; i--) {
            double x = x0 + (x1 - x0) * i / teeth;
            double y = (i % 2 == 0 ? bottom : bottom - depth) + (rng.nextDouble() - 0.5) * depth * 0.5;
            p.lineTo(x, y);
        }
        p.closePath();
        return p;
    }
}
