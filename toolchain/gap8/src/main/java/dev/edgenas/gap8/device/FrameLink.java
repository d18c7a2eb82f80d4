package dev.edgenas.gap8.device;

/** Where frames come from: a serial port (board, host-sim) or a simulator's console (gvsoc). */
public interface FrameLink extends AutoCloseable {

    /**
     * Reads what is available, waiting up to a fraction of a second: bytes read, 0 when nothing
     * came, -1 once the source has ended (a process exited and its output is drained).
     *
     * @throws LinkLostException when the port disappeared or failed
     */
    int read(byte[] buf) throws LinkLostException;

    @Override
    void close();
}
