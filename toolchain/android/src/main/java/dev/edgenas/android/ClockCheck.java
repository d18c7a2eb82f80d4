package dev.edgenas.android;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.util.Locale;

/**
 * What happens to a kernel round whose pinned cores ran below their cluster's maximum clock
 * ({@link ClockReading}): REJECT measures it again (like a round under thermal throttling), FLAG
 * keeps it and counts it in the table's provenance.
 */
public enum ClockCheck {
    FLAG, REJECT;

    public static ClockCheck parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new EdgenasException(ExitCode.USAGE, "clock check " + s + ": expected reject or flag");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
