package dev.edgenas.android.sim;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One message of the adb transport protocol: a 24-byte little-endian header (command, arg0, arg1,
 * payload length, payload checksum, command ^ 0xffffffff) followed by the payload.
 */
record AdbMessage(int command, int arg0, int arg1, byte[] data) {
    static final int CNXN = 0x4e584e43;
    static final int AUTH = 0x48545541;
    static final int OPEN = 0x4e45504f;
    static final int OKAY = 0x59414b4f;
    static final int CLSE = 0x45534c43;
    static final int WRTE = 0x45545257;
    static final int STLS = 0x534c5453;
    /** Protocol version that lets both sides skip payload checksums; we still send correct ones. */
    static final int VERSION = 0x01000001;
    static final int HEADER_BYTES = 24;
    /** Hard upper bound on a payload we accept; adb 29 itself uses at most 1 MiB. */
    static final int MAX_ACCEPTED_PAYLOAD = 1 << 20;

    static AdbMessage read(DataInputStream in) throws IOException {
        byte[] header = new byte[HEADER_BYTES];
        in.readFully(header);
        ByteBuffer b = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int command = b.getInt();
        int arg0 = b.getInt();
        int arg1 = b.getInt();
        int length = b.getInt();
        b.getInt(); // checksum: not verified, the version we announce lets senders skip it
        int magic = b.getInt();
        if (magic != ~command) {
            throw new IOException("bad adb header magic for command 0x" + Integer.toHexString(command));
        }
        if (length < 0 || length > MAX_ACCEPTED_PAYLOAD) {
            throw new IOException("adb payload length out of range: " + length);
        }
        byte[] data = new byte[length];
        in.readFully(data);
        return new AdbMessage(command, arg0, arg1, data);
    }

    void write(OutputStream out) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(command).putInt(arg0).putInt(arg1).putInt(data.length).putInt(checksum(data)).putInt(~command);
        b.put(data);
        out.write(b.array());
    }

    static int checksum(byte[] data) {
        int sum = 0;
        for (byte x : data) {
            sum += x & 0xff;
        }
        return sum;
    }

    /** The payload as text without the trailing NUL that OPEN and CNXN carry. */
    String text() {
        int n = data.length;
        while (n > 0 && data[n - 1] == 0) {
            n--;
        }
        return new String(data, 0, n, StandardCharsets.UTF_8);
    }

    static String name(int command) {
        byte[] b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(command).array();
        return new String(b, StandardCharsets.US_ASCII);
    }

    static AdbMessage readOrNull(DataInputStream in) throws IOException {
        try {
            return read(in);
        } catch (EOFException e) {
            return null;
        }
    }
}
