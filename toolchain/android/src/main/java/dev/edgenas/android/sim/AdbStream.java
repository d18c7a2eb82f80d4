package dev.edgenas.android.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One logical stream (an OPENed service) multiplexed on a device connection. Incoming WRTE payloads
 * queue up as an InputStream; writes go out as WRTE messages, each waiting for the host's OKAY as
 * adb's flow control requires.
 */
final class AdbStream {
    private static final byte[] EOF = new byte[0];

    final int localId;
    final int remoteId;
    private final DeviceConnection connection;
    private final LinkedBlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>();
    private final Semaphore writeCredit = new Semaphore(1);
    private volatile boolean closedByHost;
    private volatile boolean closedByUs;

    AdbStream(int localId, int remoteId, DeviceConnection connection) {
        this.localId = localId;
        this.remoteId = remoteId;
        this.connection = connection;
    }

    void onData(byte[] data) {
        incoming.add(data);
    }

    void onOkay() {
        if (writeCredit.availablePermits() == 0) {
            writeCredit.release();
        }
    }

    void onHostClose() {
        closedByHost = true;
        incoming.add(EOF);
        writeCredit.release();
    }

    boolean closedByHost() {
        return closedByHost;
    }

    /** Sends CLSE once; the host does not answer it. */
    void close() {
        if (closedByUs) {
            return;
        }
        closedByUs = true;
        if (!closedByHost) {
            connection.send(new AdbMessage(AdbMessage.CLSE, localId, remoteId, new byte[0]));
        }
        connection.forget(this);
    }

    final InputStream in = new InputStream() {
        private byte[] current = new byte[0];
        private int pos;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos >= current.length) {
                if (current == EOF) {
                    return -1;
                }
                try {
                    current = incoming.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("stream read interrupted");
                }
                pos = 0;
                if (current == EOF) {
                    incoming.add(EOF); // stay at end for later reads
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    };

    final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int max = connection.maxPayload();
            while (len > 0) {
                int n = Math.min(len, max);
                awaitCredit();
                if (closedByHost) {
                    throw new IOException("stream closed by host");
                }
                connection.send(new AdbMessage(AdbMessage.WRTE, localId, remoteId, Arrays.copyOfRange(b, off, off + n)));
                off += n;
                len -= n;
            }
        }
    };

    private void awaitCredit() throws IOException {
        try {
            while (!writeCredit.tryAcquire(1, TimeUnit.SECONDS)) {
                if (closedByHost || !connection.isOpen()) {
                    throw new IOException("connection lost while waiting for OKAY");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for OKAY");
        }
    }
}
