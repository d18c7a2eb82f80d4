package dev.edgenas.profile;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;

/**
 * Which device to profile, as the user names it: {@code BACKEND[:TARGET]}, e.g. {@code cpu},
 * {@code android:R58M12ABC} (adb serial), {@code gap8:/dev/ttyUSB1} (serial port).
 *
 * @param backend backend name, matched against {@link DeviceBackendProvider#name()}
 * @param target  backend-specific target, or null for the backend's default
 */
public record DeviceSpec(String backend, String target) {

    public static DeviceSpec parse(String s) {
        if (s == null || s.isBlank()) {
            throw new EdgenasException(ExitCode.USAGE, "--device: empty device name");
        }
        int colon = s.indexOf(':');
        return colon < 0 ? new DeviceSpec(s, null) : new DeviceSpec(s.substring(0, colon), s.substring(colon + 1));
    }

    /** The id recorded in tables: backend, plus target when given. */
    public String id() {
        return target == null || target.isEmpty() ? backend : backend + ":" + target;
    }

    @Override
    public String toString() {
        return id();
    }
}
