package dev.edgenas.profile.android;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.android.ClockStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table provenance facts an Android run learns while measuring: clock checks of the pinned
 * cores (counters that continue across resumes) and what the agent ran on.
 */
public final class AndroidRunFacts {
    /** Kernel rounds whose pinned clocks were read. */
    public static final String CLOCK_CHECKED = "clockRoundsChecked";
    /** Kept although a pinned core ran below its cluster's maximum (clock check 'flag'). */
    public static final String CLOCK_BELOW = "clockRoundsBelowMax";
    /** Rejected for that reason and measured again (clock check 'reject'). */
    public static final String CLOCK_REJECTED = "clockRoundsRejected";
    /** Rounds with no readable clock of a pinned core. */
    public static final String CLOCK_UNKNOWN = "clockRoundsUnknown";
    /** The lowest clock of a kept round as a share of its cluster's maximum (1.000: none below). */
    public static final String CLOCK_LOWEST = "clockLowestShareKept";

    private AndroidRunFacts() {
    }

    static Map<String, String> merge(Map<String, String> before, ClockStats now, JsonNode header) {
        Map<String, String> out = new LinkedHashMap<>(before);
        out.put(CLOCK_CHECKED, Long.toString(count(before, CLOCK_CHECKED) + now.checked()));
        out.put(CLOCK_BELOW, Long.toString(count(before, CLOCK_BELOW) + now.belowMax()));
        out.put(CLOCK_REJECTED, Long.toString(count(before, CLOCK_REJECTED) + now.rejected()));
        out.put(CLOCK_UNKNOWN, Long.toString(count(before, CLOCK_UNKNOWN) + now.unknown()));
        double lowest = Math.min(now.lowestShare(), share(before.get(CLOCK_LOWEST)));
        out.put(CLOCK_LOWEST, String.format(Locale.ROOT, "%.3f", lowest));
        if (header != null) {
            // what the agent ran on, so a table says whether ART and the AAR's libraries were used
            out.put("agentVm", header.path("vm").asText() + " (java.vendor " + header.path("vendor").asText() + ")");
            List<String> libs = new ArrayList<>();
            header.path("nativeLibraries").forEach(n -> libs.add(n.asText()));
            out.put("agentNativeLoad", libs.isEmpty() ? "ONNX Runtime's own loader (not Android)"
                    : "by absolute path: " + String.join(", ", libs));
        }
        return out;
    }

    private static long count(Map<String, String> facts, String key) {
        String v = facts.get(key);
        return v != null && v.matches("\\d+") ? Long.parseLong(v) : 0;
    }

    private static double share(String v) {
        try {
            return v == null ? 1.0 : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return 1.0;
        }
    }
}
