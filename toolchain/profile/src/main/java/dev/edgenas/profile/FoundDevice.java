package dev.edgenas.profile;

import dev.edgenas.latency.TableProvenance;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A device a backend found attached ({@code edgenas devices}).
 *
 * @param device   the {@code --device} value that reaches it, e.g. {@code android:R58M12ABC}
 * @param foundBy  how it was found (adb devices -l, a HELLO heard on a port)
 * @param identity one line: model, chip, clocks
 * @param details  further facts printed under their key in --json (never null)
 * @param table    which tables describe it, or null when it cannot be profiled as found (offline, silent)
 */
public record FoundDevice(String device, String foundBy, String identity, Map<String, Object> details,
                          Predicate<TableProvenance> table) {
    public FoundDevice {
        details = details == null ? Map.of() : details;
    }
}
