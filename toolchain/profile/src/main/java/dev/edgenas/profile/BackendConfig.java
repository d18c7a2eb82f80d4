package dev.edgenas.profile;

import java.util.Map;

/**
 * Settings a backend is created with.
 *
 * @param device    the device to reach
 * @param threads   threads the kernels run with (0 = all cores of the device)
 * @param precision fp32 or int8
 * @param options   backend-specific settings (e.g. optLevel for cpu, clocks for gap8), never null
 */
public record BackendConfig(DeviceSpec device, int threads, String precision, Map<String, String> options) {
    public BackendConfig {
        options = Map.copyOf(options);
        if (!precision.equals("fp32") && !precision.equals("int8")) {
            throw new IllegalArgumentException("precision must be fp32 or int8, got " + precision);
        }
    }

    public String option(String name, String dflt) {
        return options.getOrDefault(name, dflt);
    }
}
