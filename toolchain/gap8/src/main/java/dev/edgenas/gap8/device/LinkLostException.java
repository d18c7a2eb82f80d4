package dev.edgenas.gap8.device;

/** The serial port vanished or failed mid-run (cable pulled, board re-enumerated). */
public class LinkLostException extends Exception {
    public LinkLostException(String message) {
        super(message);
    }
}
