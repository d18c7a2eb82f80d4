package dev.edgenas.android.sim;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One adb host (the adb server) attached over TCP. Answers CNXN directly (no AUTH: the simulator
 * trusts any host), then serves OPENed streams, one handler thread each.
 */
final class DeviceConnection implements Runnable {
    private static final Logger LOG = Logger.getLogger(DeviceConnection.class.getName());
    /** Largest WRTE payload we send; the host's limit is taken from its CNXN when smaller. */
    static final int OUR_MAX_PAYLOAD = 256 * 1024;

    private final Socket socket;
    private final AdbdSimulator device;
    private final ExecutorService handlers;
    private final OutputStream out;
    private final Map<Integer, AdbStream> streams = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private volatile int maxPayload = 4096;
    private volatile boolean open = true;

    DeviceConnection(Socket socket, AdbdSimulator device, ExecutorService handlers) throws IOException {
        this.socket = socket;
        this.device = device;
        this.handlers = handlers;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    int maxPayload() {
        return maxPayload;
    }

    boolean isOpen() {
        return open;
    }

    @Override
    public void run() {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024))) {
            AdbMessage m;
            while ((m = AdbMessage.readOrNull(in)) != null) {
                dispatch(m);
            }
        } catch (IOException e) {
            if (open) {
                LOG.log(Level.FINE, "adb host connection ended: " + e.getMessage());
            }
        } finally {
            close();
        }
    }

    private void dispatch(AdbMessage m) {
        switch (m.command()) {
            case AdbMessage.CNXN -> {
                maxPayload = Math.max(4096, Math.min(OUR_MAX_PAYLOAD, m.arg1()));
                send(new AdbMessage(AdbMessage.CNXN, AdbMessage.VERSION, OUR_MAX_PAYLOAD,
                        (device.banner() + "\0").getBytes(StandardCharsets.UTF_8)));
            }
            case AdbMessage.OPEN -> open(m);
            case AdbMessage.OKAY -> {
                AdbStream s = streams.get(m.arg1());
                if (s != null) {
                    s.onOkay();
                }
            }
            case AdbMessage.WRTE -> {
                AdbStream s = streams.get(m.arg1());
                if (s == null) {
                    send(new AdbMessage(AdbMessage.CLSE, 0, m.arg0(), new byte[0]));
                    return;
                }
                s.onData(m.data());
                send(new AdbMessage(AdbMessage.OKAY, s.localId, s.remoteId, new byte[0]));
            }
            case AdbMessage.CLSE -> {
                AdbStream s = streams.remove(m.arg1());
                if (s != null) {
                    s.onHostClose();
                }
            }
            default -> LOG.fine("ignoring adb message " + AdbMessage.name(m.command()));
        }
    }

    private void open(AdbMessage m) {
        String service = m.text();
        int remoteId = m.arg0();
        DeviceService handler = device.serviceFor(service);
        if (handler == null) {
            send(new AdbMessage(AdbMessage.CLSE, 0, remoteId, new byte[0]));
            return;
        }
        AdbStream stream = new AdbStream(nextId.getAndIncrement(), remoteId, this);
        streams.put(stream.localId, stream);
        send(new AdbMessage(AdbMessage.OKAY, stream.localId, remoteId, new byte[0]));
        handlers.execute(() -> {
            try {
                handler.serve(stream);
            } catch (IOException e) {
                LOG.log(Level.FINE, "service " + service + " ended: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "service " + service + " failed", e);
            } finally {
                stream.close();
            }
        });
    }

    void forget(AdbStream stream) {
        streams.remove(stream.localId);
    }

    void send(AdbMessage m) {
        if (!open) {
            return;
        }
        synchronized (out) {
            try {
                m.write(out);
                out.flush();
            } catch (IOException e) {
                close();
            }
        }
    }

    void close() {
        open = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
        for (AdbStream s : streams.values()) {
            s.onHostClose();
        }
        streams.clear();
        device.forget(this);
    }

    /** A service behind an OPEN: reads the stream's input, writes its output, returns when done. */
    @FunctionalInterface
    interface DeviceService {
        void serve(AdbStream stream) throws IOException;
    }
}
