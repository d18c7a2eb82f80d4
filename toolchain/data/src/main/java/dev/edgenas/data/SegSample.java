package dev.edgenas.data;

/**
 * One segmentation sample. The arrays are treated as immutable: every function in this package
 * returns new arrays rather than changing these.
 *
 * @param id     sample id (the VOC file stem)
 * @param width  pixels per row
 * @param height rows
 * @param rgb    HWC interleaved uint8 RGB, length height*width*3
 * @param mask   HW class ids (unsigned bytes), 255 = ignore, length height*width
 */
public record SegSample(String id, int width, int height, byte[] rgb, byte[] mask) {
    public SegSample {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("sample " + id + ": size " + width + "x" + height);
        }
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("sample " + id + ": rgb has " + rgb.length
                    + " bytes, expected " + width * height * 3);
        }
        if (mask.length != width * height) {
            throw new IllegalArgumentException("sample " + id + ": mask has " + mask.length
                    + " bytes, expected " + width * height);
        }
    }

    /** The label at (x, y) as 0..255. */
    public int label(int x, int y) {
        return mask[y * width + x] & 0xFF;
    }

    /** Channel c (0 R, 1 G, 2 B) at (x, y) as 0..255. */
    public int channel(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xFF;
    }
}
