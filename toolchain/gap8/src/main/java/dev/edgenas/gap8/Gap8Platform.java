package dev.edgenas.gap8;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Where the profiling firmware runs. */
public enum Gap8Platform {
    /** A GAP8 board (GAPuino, AI-deck): GAP SDK build, JTAG load or flash, frames over the UART. */
    BOARD("board"),
    /** GVSOC, the GAP SDK's simulator: frames come out of `make run`'s console. */
    GVSOC("gvsoc"),
    /** The same C on the host (gcc + a PMSIS host layer) talking over a pseudo-terminal: host timings. */
    HOST_SIM("host-sim");

    private final String id;

    Gap8Platform(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Gap8Platform parse(String s) {
        for (Gap8Platform p : values()) {
            if (p.id.equals(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown GAP8 platform '" + s + "'; use one of "
                + Arrays.stream(values()).map(Gap8Platform::id).collect(Collectors.joining(", ")));
    }
}
