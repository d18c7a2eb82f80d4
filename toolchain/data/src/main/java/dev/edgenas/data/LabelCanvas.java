package dev.edgenas.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Paints a scene twice in lock step: an anti-aliased photo and a hard label map (no anti-aliasing,
 * so every pixel gets exactly one class: the last shape covering its centre). Scenes are described
 * in a 128x128 design space and scaled to the output size, so every size shows the same picture.
 */
final class LabelCanvas {
    static final double DESIGN = 128.0;

    private final int size;
    private final BufferedImage photo;
    private final BufferedImage labels;
    private final Graphics2D img;
    private final Graphics2D lab;
    private final AffineTransform base;

    LabelCanvas(int size) {
        this.size = size;
        photo = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        // labels are drawn as colour (id,0,0) into an RGB image: exact, unlike an indexed image
        // whose colour lookup is approximate
        labels = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        img = photo.createGraphics();
        lab = labels.createGraphics();
        img.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        img.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        lab.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        // pure strokes: both renderings use the same geometry, no pixel snapping in one only
        img.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        lab.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        base = AffineTransform.getScaleInstance(size / DESIGN, size / DESIGN);
        resetTransform();
    }

    int size() {
        return size;
    }

    /** Back to design coordinates (0..128 on both axes). */
    void resetTransform() {
        img.setTransform(base);
        lab.setTransform(base);
    }

    /** Design coordinates moved to (cx, cy) and rotated by the given angle (radians). */
    void placeAt(double cx, double cy, double angle) {
        resetTransform();
        img.translate(cx, cy);
        img.rotate(angle);
        lab.translate(cx, cy);
        lab.rotate(angle);
    }

    /** Fills a shape in the photo with a paint and in the label map with a class. */
    void fill(Shape s, Paint paint, int label) {
        img.setPaint(paint);
        img.fill(s);
        lab.setColor(labelColor(label));
        lab.fill(s);
    }

    /** Strokes a shape's outline (width in design pixels) in both images. */
    void stroke(Shape s, double width, Paint paint, int label) {
        BasicStroke st = new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        fill(st.createStrokedShape(s), paint, label);
    }

    /** Photo-only detail (texture, shading) that does not change the class of what it covers. */
    void paint(Shape s, Paint paint) {
        img.setPaint(paint);
        img.fill(s);
    }

    void paintStroke(Shape s, double width, Paint paint) {
        paint(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND).createStrokedShape(s), paint);
    }

    /** Restricts photo-only detail to a shape (in current coordinates); null clears. */
    void clipPhoto(Shape s) {
        img.setClip(s);
    }

    /** The photo's pixels as 0xRRGGBB, row-major (live array). */
    int[] photoPixels() {
        return ((DataBufferInt) photo.getRaster().getDataBuffer()).getData();
    }

    BufferedImage photo() {
        return photo;
    }

    /** The class of every pixel, row-major. */
    byte[] labelMap() {
        int[] px = ((DataBufferInt) labels.getRaster().getDataBuffer()).getData();
        byte[] out = new byte[px.length];
        for (int i = 0; i < px.length; i++) {
            out[i] = (byte) (px[i] >> 16);
        }
        return out;
    }

    void dispose() {
        img.dispose();
        lab.dispose();
    }

    private static final Color[] LABEL_COLORS = new Color[256];

    static {
        for (int i = 0; i < 256; i++) {
            LABEL_COLORS[i] = new Color(i, 0, 0);
        }
    }

    private static Color labelColor(int label) {
        return LABEL_COLORS[label];
    }
}
