package dev.edgenas.data;

/**
 * The one resampling routine behind resizing and scale-and-crop: the sample is scaled to
 * {@code sw x sh} and a window of {@code outW x outH} is cut at {@code (offX, offY)} of the scaled
 * picture; window pixels outside it are padding. Images are sampled bilinearly and masks by nearest
 * neighbour, both with half-pixel centres (as ONNX Resize and PyTorch with align_corners=false), so
 * image and mask stay aligned to the same sub-pixel grid. No anti-aliasing when shrinking, as in the
 * networks' own resize.
 */
final class Resample {
    private Resample() {
    }

    static SegSample window(SegSample s, int sw, int sh, int offX, int offY, int outW, int outH, int[] padRgb,
                            int padLabel) {
        int w = s.width();
        int h = s.height();
        byte[] src = s.rgb();
        byte[] srcMask = s.mask();
        byte[] rgb = new byte[outW * outH * 3];
        byte[] mask = new byte[outW * outH];
        double fx = (double) w / sw;
        double fy = (double) h / sh;
        for (int y = 0; y < outH; y++) {
            int v = y + offY;
            double sy = Math.min(h - 1, Math.max(0, (v + 0.5) * fy - 0.5));
            int y0 = (int) sy;
            int y1 = Math.min(h - 1, y0 + 1);
            double wy = sy - y0;
            int ny = Math.min(h - 1, (int) ((v + 0.5) * fy));
            for (int x = 0; x < outW; x++) {
                int u = x + offX;
                int o = y * outW + x;
                if (u < 0 || v < 0 || u >= sw || v >= sh) {
                    mask[o] = (byte) padLabel;
                    for (int c = 0; c < 3; c++) {
                        rgb[3 * o + c] = (byte) padRgb[c];
                    }
                    continue;
                }
                double sx = Math.min(w - 1, Math.max(0, (u + 0.5) * fx - 0.5));
                int x0 = (int) sx;
                int x1 = Math.min(w - 1, x0 + 1);
                double wx = sx - x0;
                int nx = Math.min(w - 1, (int) ((u + 0.5) * fx));
                mask[o] = srcMask[ny * w + nx];
                for (int c = 0; c < 3; c++) {
                    double top = (src[(y0 * w + x0) * 3 + c] & 0xFF) * (1 - wx) + (src[(y0 * w + x1) * 3 + c] & 0xFF) * wx;
                    double bot = (src[(y1 * w + x0) * 3 + c] & 0xFF) * (1 - wx) + (src[(y1 * w + x1) * 3 + c] & 0xFF) * wx;
                    rgb[3 * o + c] = (byte) (int) Math.round(top * (1 - wy) + bot * wy);
                }
            }
        }
        return new SegSample(s.id(), outW, outH, rgb, mask);
    }
}
