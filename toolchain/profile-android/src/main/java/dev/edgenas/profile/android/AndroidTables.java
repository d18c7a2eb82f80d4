package dev.edgenas.profile.android;

import dev.edgenas.profile.DeviceFacts;
import java.util.Locale;

/** Naming of Android latency tables: by phone model and the cores the kernels ran on. */
public final class AndroidTables {
    private AndroidTables() {
    }

    /**
     * android-MODEL-CORES[-EP][-int8].json, e.g. android-pixel_7-big.json or android-pixel_7-big-xnnpack.json;
     * MODEL, CORES and the execution provider (left out for cpu) from the device facts.
     */
    public static String defaultFileName(DeviceFacts facts, String precision) {
        String model = facts.extra().getOrDefault("model", "unknown");
        String cores = facts.extra().getOrDefault("cores", "all");
        if (!cores.matches("big|little|all")) {
            cores = "mask" + facts.extra().getOrDefault("coresMask", cores);
        }
        String ep = facts.extra().getOrDefault("executionProvider", "cpu");
        String name = "android-" + slug(model) + "-" + slug(cores) + (ep.equals("cpu") ? "" : "-" + slug(ep))
                + (precision.equals("fp32") ? "" : "-" + precision);
        return name + ".json";
    }

    static String slug(String s) {
        String t = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
        return t.isEmpty() ? "unknown" : t;
    }
}
