package dev.edgenas.gap8.protocol;

import java.nio.charset.StandardCharsets;

/**
 * CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, not reflected, no final xor), the frame check of
 * the serial protocol. The firmware computes the same in en_proto.c; "123456789" gives 0x29B1.
 */
public final class Crc16 {
    private Crc16() {
    }

    public static int of(byte[] data, int off, int len) {
        int crc = 0xFFFF;
        for (int i = off; i < off + len; i++) {
            crc ^= (data[i] & 0xFF) << 8;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xFFFF;
        }
        return crc;
    }

    public static int of(String ascii) {
        byte[] b = ascii.getBytes(StandardCharsets.US_ASCII);
        return of(b, 0, b.length);
    }
}
