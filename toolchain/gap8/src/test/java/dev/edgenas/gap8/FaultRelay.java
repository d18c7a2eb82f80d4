package dev.edgenas.gap8;

import dev.edgenas.gap8.device.SocatPair;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A faulty wire between the host-sim firmware and the profiler, made of two real pty pairs:
 * firmware -> [socat A] -> relay -> [socat B] -> jSerialComm. Frame by frame it can corrupt
 * bytes, drop or duplicate frames, replay the start of the stream (a device that reset and runs
 * the batch again: a second HELLO), go silent, and make the host's port disappear.
 *
 * <p>Both ends hold their pty slaves open themselves, so a firmware exiting or the profiler
 * closing the port between attempts does not make socat quit.
 */
public final class FaultRelay implements AutoCloseable {

    /** What to do to the line. Probabilities are per byte (corrupt) or per frame (drop, dup). */
    public static final class Faults {
        public double corruptByte;
        public double dropFrame;
        public double duplicateFrame;
        public int resetAtFrame = -1;     // once: after this many live frames, replay the first half again
        public int silenceFromFrame = -1; // once: swallow everything from here until the next firmware boots
        public int silenceAlways = 0;     // 1: forward nothing at all (a board that never talks)
        public int vanishAtFrame = -1;    // once: kill the host-side pty pair here
        public long restoreAfterMs = -1;  // recreate it after this delay; -1: gone for good
        public int stallAtFrame = -1;     // once: hold the line this long before this frame (a USB-UART that stalls)
        public long stallMs;
        public java.util.Set<Integer> corruptAt = java.util.Set.of(); // live frame numbers (1-based) hit for sure
        public java.util.Set<Integer> dropAt = java.util.Set.of();
        public java.util.Set<Integer> duplicateAt = java.util.Set.of();
        public long seed = 1;

        /** A line that holds everything for {@code ms} before live frame {@code frame} (1 = the first HELLO). */
        public static Faults stall(int frame, long ms) {
            Faults f = new Faults();
            f.stallAtFrame = frame;
            f.stallMs = ms;
            return f;
        }
    }

    private final Path dir;
    private final Faults faults;
    private final Random rnd;
    private final SocatPair wireA;
    private final InputStream fromFirmware;
    private final OutputStream keepFirmwareEnd;
    private volatile SocatPair wireB;
    private volatile OutputStream toHost;
    private volatile InputStream keepHostEnd;
    private final List<byte[]> history = new ArrayList<>();
    private final Thread thread;
    private volatile boolean closed;
    private int liveFrames;
    private boolean silenced;
    public volatile int resetsInjected;
    public volatile int vanished;
    public volatile int framesForwarded;
    public volatile int stalls;

    public FaultRelay(Path dir, Faults faults) throws IOException {
        this.dir = dir;
        this.faults = faults;
        this.rnd = new Random(faults.seed);
        this.wireA = SocatPair.open(dir, "fw");
        this.keepFirmwareEnd = new FileOutputStream(wireA.device().toFile());
        this.fromFirmware = new FileInputStream(wireA.host().toFile());
        openHostSide();
        this.thread = new Thread(this::pump, "fault-relay");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The tty the firmware writes to (Gap8Options.simTty). */
    public Path firmwareTty() {
        return wireA.device();
    }

    /** The port the profiler opens (Gap8Options.port). */
    public String hostPort() {
        return dir.resolve("host-host").toString();
    }

    private synchronized void openHostSide() throws IOException {
        wireB = SocatPair.open(dir, "host");
        toHost = new FileOutputStream(wireB.device().toFile());
        keepHostEnd = new FileInputStream(wireB.host().toFile());
    }

    private synchronized void closeHostSide() {
        try {
            toHost.close();
            keepHostEnd.close();
        } catch (IOException e) {
            // closing anyway
        }
        wireB.close();
        toHost = null;
    }

    private void pump() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        try {
            for (int n; !closed && (n = fromFirmware.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    line.write(buf[i]);
                    if (buf[i] == '\n') {
                        frame(line.toByteArray());
                        line.reset();
                    }
                }
            }
        } catch (IOException e) {
            // wire A closed: the relay is being shut down
        }
    }

    private void frame(byte[] f) throws IOException {
        String text = new String(f, java.nio.charset.StandardCharsets.US_ASCII);
        if (text.startsWith("$EN1,0,HELLO")) {
            history.clear(); // a new firmware run: what "reset" replays starts here
            silenced = false;
        }
        history.add(f);
        liveFrames++;
        if (faults.silenceAlways == 1 || silenced) {
            return;
        }
        if (liveFrames == faults.stallAtFrame) {
            stalls++;
            try {
                Thread.sleep(faults.stallMs); // the firmware's bytes pile up in wire A meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (liveFrames == faults.silenceFromFrame) {
            silenced = true;
            return;
        }
        if (liveFrames == faults.vanishAtFrame) {
            vanish();
            return;
        }
        if (liveFrames == faults.resetAtFrame) {
            resetsInjected++;
            for (byte[] old : new ArrayList<>(history.subList(0, history.size() / 2))) {
                send(old);
            }
        }
        if (faults.dropAt.contains(liveFrames) || rnd.nextDouble() < faults.dropFrame) {
            return;
        }
        if (faults.corruptAt.contains(liveFrames)) {
            f = f.clone();
            f[f.length / 2] ^= 0x01;
        }
        send(f);
        if (faults.duplicateAt.contains(liveFrames) || rnd.nextDouble() < faults.duplicateFrame) {
            send(f);
        }
    }

    private void send(byte[] f) throws IOException {
        byte[] out = f.clone();
        for (int i = 0; i < out.length; i++) {
            if (rnd.nextDouble() < faults.corruptByte) {
                out[i] = (byte) rnd.nextInt(256);
            }
        }
        OutputStream o = toHost;
        if (o == null) {
            return; // the port is gone: bytes fall on the floor
        }
        try {
            o.write(out);
            o.flush();
            framesForwarded++;
        } catch (IOException e) {
            // host side torn down under us
        }
    }

    private void vanish() {
        vanished++;
        closeHostSide();
        if (faults.restoreAfterMs >= 0) {
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(faults.restoreAfterMs);
                    openHostSide();
                } catch (InterruptedException | IOException e) {
                    // stays gone
                }
            });
            t.setDaemon(true);
            t.start();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (toHost != null) {
            closeHostSide();
        }
        try {
            keepFirmwareEnd.close();
        } catch (IOException e) {
            // shutting down
        }
        wireA.close();
    }
}
