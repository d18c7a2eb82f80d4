package dev.edgenas.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PreprocessTest {
    @Test
    void chwNormalisesPerChannelInPlanes() {
        byte[] rgb = {(byte) 255, 0, (byte) 128, 10, 20, 30};
        SegSample s = new SegSample("p", 2, 1, rgb, new byte[2]);
        float[] mean = {0.5f, 0.25f, 0f};
        float[] std = {0.5f, 0.25f, 2f};
        float[] chw = Preprocess.toChw(s, mean, std);
        assertEquals(6, chw.length);
        assertEquals(1f, chw[0], 1e-6);                        // R of pixel 0
        assertEquals((10 / 255f - 0.5f) / 0.5f, chw[1], 1e-6); // R of pixel 1
        assertEquals(-1f, chw[2], 1e-6);                       // G of pixel 0
        assertEquals((128 / 255f) / 2f, chw[4], 1e-6);         // B of pixel 0
        float[] batch = new float[20];
        Preprocess.toChw(s, mean, std, batch, 8);
        assertArrayEquals(chw, java.util.Arrays.copyOfRange(batch, 8, 14));
        assertEquals(0f, batch[7]);
    }

    @Test
    void upsamplingByTwoRepeatsMaskAndInterpolatesImage() {
        byte[] rgb = new byte[2 * 2 * 3];
        rgb[3] = (byte) 100; // R of (1,0)
        byte[] mask = {1, 2, 3, (byte) 255};
        SegSample s = new SegSample("u", 2, 2, rgb, mask);
        SegSample r = Preprocess.resize(s, 4, 4);
        assertEquals(1, r.label(1, 1));
        assertEquals(2, r.label(2, 0));
        assertEquals(3, r.label(0, 3));
        assertEquals(255, r.label(3, 3));
        // half-pixel centres: output x=1 samples source x=0.25, x=2 samples 0.75
        assertEquals(0, r.channel(0, 0, 0));
        assertEquals(25, r.channel(1, 0, 0));
        assertEquals(75, r.channel(2, 0, 0));
        assertEquals(100, r.channel(3, 0, 0));
    }

    @Test
    void resizeKeepsAlignmentAndFitSkipsMatchingSizes() {
        SegSample s = AugmentTest.coordinateSample();
        assertSame(s, Preprocess.fit(s, s.width(), s.height()));
        SegSample down = Preprocess.fit(s, 60, 50);
        assertEquals(60, down.width());
        assertEquals(0.0, AugmentTest.misaligned(down), 0.0);
        SegSample up = Preprocess.resize(s, 128, 128);
        assertEquals(0.0, AugmentTest.misaligned(up), 0.0);
        int[] labels = Preprocess.labels(up);
        assertEquals(128 * 128, labels.length);
        assertEquals(up.label(5, 6), labels[6 * 128 + 5]);
    }
}
