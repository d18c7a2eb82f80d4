package dev.edgenas.gap8.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * en_requant_sat (the HWC kernels' requant: one mulh for shifts >= 2) gives exactly
 * en_saturate(en_requant(...)) of the REQUANT definition: 300000 cases generated in C over every
 * shift (-30..31), full-range and small accumulators, exact ties (v * mult a multiple of
 * 2^(n-1)), normalised, tiny and zero multipliers, and random clamps.
 */
class RequantSatTest {

    private static final String BODY = """
        { uint32_t s = 2463534242u; int32_t bad = 0;
          for (int i = 0; i < 300000; i++) {
            uint32_t r[6];
            for (int j = 0; j < 6; j++) { s ^= s << 13; s ^= s >> 17; s ^= s << 5; r[j] = s; }
            int32_t shift = (int32_t) (r[0] % 62u) - 30;
            int32_t mult = i % 97 == 0 ? 0 : i % 13 == 0 ? (int32_t) (r[1] >> 11) : (int32_t) (0x40000000u | (r[1] >> 2));
            int32_t v;
            switch (i % 4) {
              case 0: v = (int32_t) r[2]; break;
              case 1: v = (int32_t) (r[2] % 1048576u) - 524288; break;
              case 2: v = (int32_t) (((r[2] & 1u) ? 1u : 0xffffffffu) << (r[3] % 31u)); mult = 1 << 30; break;
              default: v = (int32_t) (r[2] % 2001u) - 1000; break;
            }
            int32_t zp = (int32_t) (r[4] & 255u) - 128;
            int32_t a = (int32_t) (r[5] & 255u) - 128, b = (int32_t) ((r[5] >> 8) & 255u) - 128;
            int32_t lo = i % 3 == 0 ? -128 : (a < b ? a : b), hi = i % 3 == 0 ? 127 : (a < b ? b : a);
            bad += en_requant_sat(v, mult, shift, zp, lo, hi) != en_saturate(en_requant(v, mult, shift, 0), zp, lo, hi);
          }
          memcpy(y, &bad, 4); }""";

    @Test
    void sameBytesAsTheDefinition() {
        byte[] out = new CHarness().output("y", 4).body(BODY).run();
        int mismatches = ByteBuffer.wrap(out).order(ByteOrder.nativeOrder()).getInt();
        assertEquals(0, mismatches, "cases where the mulh requant differs from the definition");
    }
}
