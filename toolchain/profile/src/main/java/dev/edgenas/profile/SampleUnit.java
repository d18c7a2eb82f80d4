package dev.edgenas.profile;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;

/** Units devices count time in; tables store ms (and cycles too, for cycle counters). */
public enum SampleUnit {
    /** Wall-clock nanoseconds (desktop, Android). */
    NS,
    /** Clock cycles of the domain named by the device facts' {@code clocksHz} "compute" entry (GAP8 cluster). */
    CYCLES;

    /** Milliseconds from a value in this unit. */
    public double toMillis(double v, DeviceFacts facts) {
        if (this == NS) {
            return v / 1e6;
        }
        Long hz = facts.clocksHz() == null ? null : facts.clocksHz().get(DeviceFacts.COMPUTE_CLOCK);
        if (hz == null || hz <= 0) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, facts.deviceId()
                    + ": samples in cycles but the device reported no '" + DeviceFacts.COMPUTE_CLOCK + "' clock");
        }
        return v / hz * 1e3;
    }

    public static SampleUnit parse(String s) {
        return switch (s) {
            case "ns" -> NS;
            case "cycles" -> CYCLES;
            default -> throw new IllegalArgumentException("unknown sample unit " + s + " (ns or cycles)");
        };
    }

    public String symbol() {
        return this == NS ? "ns" : "cycles";
    }
}
