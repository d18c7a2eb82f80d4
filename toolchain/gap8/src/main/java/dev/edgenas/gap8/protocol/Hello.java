package dev.edgenas.gap8.protocol;

/**
 * The HELLO frame's content: what firmware runs, on what, at which clocks (as the device read them
 * back with pi_freq_get, so they are the clocks the cycle counts were taken at).
 */
public record Hello(int protocol, String firmwareHash, String chip, long fcHz, long clHz, int cores,
                    String platform) {

    static Hello of(Frame f) {
        return new Hello(f.intField(0), f.field(1), f.field(2), f.longField(3), f.longField(4),
                f.intField(5), f.field(6));
    }
}
