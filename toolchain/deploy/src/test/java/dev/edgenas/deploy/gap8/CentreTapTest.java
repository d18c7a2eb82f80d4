package dev.edgenas.deploy.gap8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** A dilated conv becomes its centre tap only when every off-centre tap reads padding. */
class CentreTapTest {
    private static IntLayer.Conv conv(int h, int dilation, int stride) {
        QTensor x = new QTensor("x", 3, h, h, 0.1f, 0);
        int out = (h + 2 * dilation - 2 * dilation - 1) / stride + 1;
        QTensor y = new QTensor("y", 2, out, out, 0.1f, 0);
        byte[] w = new byte[2 * 3 * 9];
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) i;
        }
        return new IntLayer.Conv("c", x, y, w, new int[] {1, 2}, new float[] {1, 1}, 3, 3, stride, stride, dilation,
                dilation, dilation, dilation, dilation, dilation, 1);
    }

    @Test
    void ratesPastTheMapReduceToTheCentreTap() {
        IntLayer.Conv c = CentreTap.reduce(conv(8, 12, 1));
        assertEquals(1, c.kh());
        assertEquals(1, c.kw());
        assertEquals(0, c.padT() + c.padL() + c.padB() + c.padR());
        byte[] want = new byte[6];
        for (int i = 0; i < 6; i++) {
            want[i] = (byte) (i * 9 + 4); // [o][i][1][1] of the 3x3 weights
        }
        assertArrayEquals(want, c.weights());
        assertEquals(CentreTap.reduce(conv(8, 8, 1)).kh(), 1, "dilation equal to the map's size still only pads");
    }

    @Test
    void ratesInsideTheMapAreKept() {
        IntLayer.Conv c = conv(8, 7, 1);
        assertSame(c, CentreTap.reduce(c), "dilation 7 on 8 rows: the first row's lower tap reads data");
        IntLayer.Conv d = conv(16, 12, 1);
        assertSame(d, CentreTap.reduce(d));
    }
}
