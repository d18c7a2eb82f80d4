package dev.edgenas.android.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * "shell,v2,...:CMD" (packets: 1-byte id, 4-byte little-endian length, data; ids 0 stdin,
 * 1 stdout, 2 stderr, 3 exit code, 4 close stdin, 5 window size) and the legacy "shell:CMD" /
 * "exec:CMD" (raw bytes, no exit code). Commands run in {@link SimShell}.
 */
final class ShellService implements DeviceConnection.DeviceService {
    static final int ID_STDOUT = 1;
    static final int ID_STDERR = 2;
    static final int ID_EXIT = 3;

    private final AdbdSimulator device;
    private final String command;
    private final boolean v2;

    ShellService(AdbdSimulator device, String command, boolean v2) {
        this.device = device;
        this.command = command;
        this.v2 = v2;
    }

    /** Parses "shell,v2,raw:cmd", "shell:cmd" or "exec:cmd"; null for other services. */
    static ShellService parse(AdbdSimulator device, String service) {
        int colon = service.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String head = service.substring(0, colon);
        String cmd = service.substring(colon + 1);
        if (head.equals("exec")) {
            return new ShellService(device, cmd, false);
        }
        if (!head.equals("shell") && !head.startsWith("shell,")) {
            return null;
        }
        boolean v2 = false;
        for (String arg : head.split(",")) {
            v2 |= arg.equals("v2");
        }
        return new ShellService(device, cmd, v2);
    }

    @Override
    public void serve(AdbStream stream) throws IOException {
        if (command.isBlank()) {
            // An interactive shell needs a pty; edgenas never asks for one.
            write(stream.out, ID_STDERR, "edgenas simulator: interactive shell not supported\n".getBytes());
            finish(stream.out, 1);
            return;
        }
        SimShell shell = new SimShell(device);
        Thread drain = new Thread(() -> drainInput(stream.in, shell), "adb-sim-shell-stdin");
        drain.setDaemon(true);
        drain.start();
        OutputStream stdout = v2 ? framed(stream.out, ID_STDOUT) : stream.out;
        OutputStream stderr = v2 ? framed(stream.out, ID_STDERR) : stream.out;
        int rc = shell.run(command, stdout, stderr);
        stdout.flush();
        stderr.flush();
        finish(stream.out, rc);
    }

    /** The host's stdin is not used by edgenas commands; its end (or a closed stream) cancels the run. */
    private void drainInput(InputStream in, SimShell shell) {
        byte[] buf = new byte[8192];
        try {
            while (in.read(buf) >= 0) {
                // discard stdin, close-stdin and window-size packets
            }
        } catch (IOException ignored) {
            // stream gone
        }
        shell.cancel();
    }

    private void finish(OutputStream out, int rc) throws IOException {
        if (v2) {
            write(out, ID_EXIT, new byte[] {(byte) rc});
        }
        out.flush();
    }

    private static OutputStream framed(OutputStream out, int id) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                byte[] copy = new byte[len];
                System.arraycopy(b, off, copy, 0, len);
                ShellService.write(out, id, copy);
            }
        };
    }

    static void write(OutputStream out, int id, byte[] data) throws IOException {
        byte[] packet = new byte[5 + data.length];
        packet[0] = (byte) id;
        int n = data.length;
        packet[1] = (byte) n;
        packet[2] = (byte) (n >>> 8);
        packet[3] = (byte) (n >>> 16);
        packet[4] = (byte) (n >>> 24);
        System.arraycopy(data, 0, packet, 5, n);
        synchronized (out) {
            out.write(packet);
        }
    }
}
