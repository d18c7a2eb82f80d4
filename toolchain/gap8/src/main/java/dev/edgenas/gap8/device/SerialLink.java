package dev.edgenas.gap8.device;

import com.fazecast.jSerialComm.SerialPort;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;

/** A serial port read through jSerialComm: the board's UART, or the host end of a host-sim pty. */
public final class SerialLink implements FrameLink {
    private static final int EACCES = 13;
    private static final int READ_TIMEOUT_MS = 100;

    private final SerialPort port;
    private final String path;

    private SerialLink(SerialPort port, String path) {
        this.port = port;
        this.path = path;
    }

    /** Opens 8N1 at the given baud; a missing or unusable port is DEVICE_UNREACHABLE with advice. */
    public static SerialLink open(String path, int baud) {
        if (path == null || path.isBlank()) {
            throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, "no serial port given: plug in the board's USB "
                    + "cable and pass --port (GAPuino: its FTDI gives JTAG and UART, the UART is usually /dev/ttyUSB1; "
                    + "AI-deck: the USB-UART adapter on the GAP8 UART pins)");
        }
        if (!Files.exists(Path.of(path))) {
            throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, "serial port " + path + " does not exist: plug in "
                    + "the board's USB cable (check `ls /dev/ttyUSB*` and dmesg) or pass the right --port");
        }
        SerialPort p = SerialPort.getCommPort(path);
        p.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
        if (!p.openPort()) {
            int err = p.getLastErrorCode();
            String why = err == EACCES ? "permission denied: add your user to the dialout group (then log in again)"
                    : "error " + err + " (is another program, e.g. a terminal, holding it?)";
            throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, "cannot open serial port " + path + ": " + why);
        }
        // getLastErrorCode() == ENOTTY (25) after a successful open is harmless on pseudo-terminals
        // Bytes already waiting belong to an earlier run (the firmware starts after this open): drop them.
        p.flushIOBuffers();
        byte[] stale = new byte[4096];
        for (int guard = 0; guard < 256 && p.bytesAvailable() > 0; guard++) {
            p.readBytes(stale, Math.min(stale.length, p.bytesAvailable()));
        }
        return new SerialLink(p, path);
    }

    @Override
    public int read(byte[] buf) throws LinkLostException {
        int n = port.readBytes(buf, buf.length);
        if (n < 0 || !Files.exists(Path.of(path))) {
            throw new LinkLostException("serial port " + path + " disappeared or failed (error "
                    + port.getLastErrorCode() + "): was the cable pulled or the board reset?");
        }
        return n;
    }

    @Override
    public void close() {
        port.closePort();
    }
}
