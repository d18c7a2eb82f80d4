package dev.edgenas.profile;

import java.util.Map;

/**
 * A backend's own {@code profile} options: an object with picocli {@code @Option} fields that the
 * command adds as a mixin at run time (as DJL engines bring their own options), so a new backend
 * adds its options without a CLI edit. Unset options are left out of {@link #settings()}: the
 * backend's defaults apply. Given with another backend's {@code --device}, they are a usage error
 * the CLI reports by option name.
 */
public interface BackendOptions {
    /** The device target given by an option of this backend (a port, a serial), or null. */
    default String target() {
        return null;
    }

    /** The option that names the target (for the message when it contradicts --device), or null. */
    default String targetOption() {
        return null;
    }

    /** The options given, as {@link BackendConfig#options()} settings. */
    Map<String, String> settings();

    /** Puts a value that was given (non-null) under the setting's name. */
    static void put(Map<String, String> o, String key, Object v) {
        if (v != null) {
            o.put(key, v.toString());
        }
    }
}
