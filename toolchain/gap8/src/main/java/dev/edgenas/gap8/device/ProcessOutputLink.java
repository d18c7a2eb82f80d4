package dev.edgenas.gap8.device;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Frames read from a process's console: GVSOC prints the simulated UART there. Fed by the
 * process's output pump ({@link RunningProcess} tee); ends when the process has exited.
 */
public final class ProcessOutputLink implements FrameLink {
    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private RunningProcess process;
    private byte[] pending;
    private int pendingOff;

    /** The tee to give to {@link RunningProcess#start}. */
    public void accept(byte[] chunk) {
        chunks.add(chunk);
    }

    public void attach(RunningProcess p) {
        this.process = p;
    }

    @Override
    public int read(byte[] buf) {
        try {
            if (pending == null) {
                pending = chunks.poll(100, TimeUnit.MILLISECONDS);
                pendingOff = 0;
                if (pending == null) {
                    return process != null && !process.alive() && chunks.isEmpty() ? -1 : 0;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        int n = Math.min(buf.length, pending.length - pendingOff);
        System.arraycopy(pending, pendingOff, buf, 0, n);
        pendingOff += n;
        if (pendingOff == pending.length) {
            pending = null;
        }
        return n;
    }

    @Override
    public void close() {
        chunks.clear();
    }
}
