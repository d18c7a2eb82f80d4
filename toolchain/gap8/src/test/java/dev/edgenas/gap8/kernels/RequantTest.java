package dev.edgenas.gap8.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The multiplier/shift algorithm (host side) and the kernels' integer requant (C side). */
class RequantTest {

    @Test
    void factorsAreNormalisedAndAccurate() {
        Random rnd = new Random(7);
        for (int i = 0; i < 20000; i++) {
            double r = Math.scalb(0.5 + rnd.nextDouble(), rnd.nextInt(60) - 31); // 2^-32 .. 2^29
            Requant q = Requant.of(r);
            assertTrue(q.shift() >= -30 && q.shift() <= 31, () -> "shift out of range for " + r + ": " + q);
            if (q.shift() < 31) {
                assertTrue(q.mult() >= 1 << 30, () -> "not normalised: " + r + " -> " + q);
                assertTrue(Math.abs(q.value() - r) <= r * Math.scalb(1.0, -31), () -> r + " -> " + q.value());
            } else {
                assertTrue(Math.abs(q.value() - r) <= Math.scalb(1.0, -62), () -> r + " -> " + q.value());
            }
        }
    }

    @Test
    void knownFactors() {
        assertEquals(Requant.IDENTITY, Requant.of(1.0));
        assertEquals(new Requant(1610612736, 0), Requant.of(0.75));
        assertEquals(new Requant(1 << 30, 9), Requant.of(1.0 / 1024));
        assertEquals(new Requant(0, 0), Requant.of(0.0));
        // m just below 1 rounds up to 2^31: renormalised to 2^30 with one less shift
        assertEquals(new Requant(1 << 30, -1), Requant.of(1.0 - 1e-12));
        assertThrows(IllegalArgumentException.class, () -> Requant.of(Math.scalb(1.0, 30)));
        assertThrows(IllegalArgumentException.class, () -> Requant.of(-0.5));
        assertEquals(7, Requant.IDENTITY.apply(7, 0));
        assertEquals(-7, Requant.IDENTITY.apply(-7, 0));
        assertEquals(3, Requant.of(0.5).apply(5, 0), "2.5 rounds up");
        assertEquals(-2, Requant.of(0.5).apply(-5, 0), "-2.5 rounds toward +inf");
    }

    @Test
    void cRequantIsBitExactToTheDocumentedFormula() {
        Random rnd = new Random(11);
        int n = 4000;
        int[] v = new int[n];
        int[] mult = new int[n];
        int[] shift = new int[n];
        int[] extra = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (i % 5) {
                case 0 -> rnd.nextInt();
                case 1 -> rnd.nextInt(1 << 16) - (1 << 15);
                case 2 -> i % 2 == 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
                default -> rnd.nextInt(2001) - 1000;
            };
            Requant r = Requant.of(Math.scalb(0.5 + 0.5 * rnd.nextDouble(), rnd.nextInt(50) - 30));
            mult[i] = i % 97 == 0 ? 1 << 30 : r.mult(); // exact ties included
            shift[i] = r.shift();
            extra[i] = i % 3 == 0 ? 8 : (i % 3 == 1 ? 22 : 0);
        }
        byte[] out = new CHarness().int32s("v", v).int32s("m", mult).shifts("s", shift).int32s("e", extra)
                .output("y", 8 * n)
                .body("for (int i = 0; i < " + n + "; i++) { int64_t q = en_requant(v[i], m[i], s[i], e[i]);"
                        + " memcpy(y + 8 * i, &q, 8); }")
                .run();
        ByteBuffer bb = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        long[] actual = new long[n];
        long[] expected = new long[n];
        for (int i = 0; i < n; i++) {
            actual[i] = bb.getLong();
            int bits = 31 + shift[i] + extra[i];
            // floor((v * mult + 2^(bits-1)) / 2^bits), exactly, in arbitrary precision
            BigInteger p = BigInteger.valueOf(v[i]).multiply(BigInteger.valueOf(mult[i]));
            expected[i] = p.add(BigInteger.ONE.shiftLeft(bits - 1)).shiftRight(bits).longValueExact();
            assertEquals(expected[i], Requant.roundShift((long) v[i] * mult[i], bits), "Java reference at " + i);
        }
        assertArrayEquals(expected, actual);
    }
}
