package dev.edgenas.profile.gap8;

import com.fazecast.jSerialComm.SerialPort;
import dev.edgenas.gap8.device.LinkLostException;
import dev.edgenas.gap8.device.SerialLink;
import dev.edgenas.gap8.protocol.Frame;
import dev.edgenas.gap8.protocol.FrameError;
import dev.edgenas.gap8.protocol.FrameReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Finds GAP8 boards on serial ports by listening for the edgenas firmware's frames. The protocol
 * is one way (device to host) and HELLO is sent at boot, so a port is identified when the
 * firmware boots (reset the board) or runs while it listens; a silent port is listed with its
 * USB identity and that hint. Ports: the given ones plus USB serial adapters jSerialComm sees.
 */
final class Gap8SerialProbe {
    private Gap8SerialProbe() {
    }

    /** Ports to listen on: the given ones first, then every ttyUSB / ttyACM port. */
    static List<String> ports(List<String> given) {
        Set<String> out = new LinkedHashSet<>(given);
        for (SerialPort p : SerialPort.getCommPorts()) {
            String path = p.getSystemPortPath();
            if (path != null && path.matches(".*/tty(USB|ACM)\\d+")) {
                out.add(path);
            }
        }
        return new ArrayList<>(out);
    }

    /** Listens on every port at once for listenMs; one result map per port, in order. */
    static List<Map<String, Object>> probe(List<String> ports, int baud, long listenMs) {
        List<CompletableFuture<Map<String, Object>>> all = new ArrayList<>();
        for (String p : ports) {
            all.add(CompletableFuture.supplyAsync(() -> listen(p, baud, listenMs)));
        }
        return all.stream().map(CompletableFuture::join).toList();
    }

    static Map<String, Object> listen(String port, int baud, long listenMs) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("port", port);
        r.put("usb", usbIdentity(port));
        Frame[] hello = new Frame[1];
        int[] frames = new int[1];
        FrameReader reader = new FrameReader(new FrameReader.Listener() {
            @Override
            public void onFrame(Frame f) {
                frames[0]++;
                if (f.type().equals("HELLO") && hello[0] == null) {
                    hello[0] = f;
                }
            }

            @Override
            public void onError(FrameError error, String detail) {
                // noise on an unrelated port
            }
        });
        try (SerialLink link = SerialLink.open(port, baud)) {
            byte[] buf = new byte[1024];
            long end = System.currentTimeMillis() + listenMs;
            while (System.currentTimeMillis() < end && hello[0] == null) {
                int n = link.read(buf);
                if (n > 0) {
                    reader.feed(buf, 0, n);
                }
            }
        } catch (LinkLostException | RuntimeException e) {
            r.put("status", "cannot listen: " + e.getMessage());
            return r;
        }
        r.put("framesHeard", frames[0]);
        if (hello[0] != null) {
            Frame h = hello[0];
            r.put("status", "edgenas GAP8 firmware (HELLO heard)");
            r.put("protocol", h.field(0));
            r.put("firmwareHash", h.field(1));
            r.put("chip", h.field(2));
            r.put("fcHz", h.longField(3));
            r.put("clHz", h.longField(4));
            r.put("cores", h.intField(5));
            r.put("platform", h.field(6));
        } else {
            r.put("status", frames[0] > 0 ? "edgenas firmware frames but no HELLO within " + listenMs + " ms"
                    : "no HELLO within " + listenMs + " ms: a GAP8 announces itself when its firmware boots; "
                    + "reset the board while listening, or just run edgenas profile --device gap8 --port " + port);
        }
        return r;
    }

    private static String usbIdentity(String port) {
        try {
            SerialPort p = SerialPort.getCommPort(port);
            int vid = p.getVendorID();
            int pid = p.getProductID();
            String desc = p.getPortDescription();
            String id = vid > 0 ? String.format("%04x:%04x", vid, pid) : "";
            if (vid == 0x0403 && (pid == 0x6010 || pid == 0x6011)) {
                id += " (FTDI dual/quad UART, as on GAPuino: its second port is the GAP8 UART)";
            }
            return (id + " " + (desc == null ? "" : desc)).strip();
        } catch (RuntimeException e) {
            return "";
        }
    }
}
