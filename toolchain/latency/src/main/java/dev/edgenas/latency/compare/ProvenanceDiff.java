package dev.edgenas.latency.compare;

import dev.edgenas.latency.TableProvenance;
import dev.edgenas.latency.compare.ProvenanceChange.Category;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The provenance differences between two tables that can explain (or rule out) a change in their
 * numbers: device, runtime, firmware, clocks, thermals, settings. Creation time and command line
 * always differ and are left out, as are backend facts that vary from run to run without changing
 * the device (load averages).
 */
public final class ProvenanceDiff {
    // Words of a fact's name (camelCase, snake_case and dotted names are split into words).
    private static final Set<String> VOLATILE = Set.of("load", "loadavg", "elapsed", "duration", "seconds", "uptime");
    private static final Set<String> THERMAL = Set.of("thermal", "temp", "temperature", "throttled", "throttling");
    private static final Set<String> CLOCK = Set.of("clock", "clocks", "freq", "frequency", "khz", "mhz", "hz",
            "governor", "dvfs", "voltage");
    private static final Set<String> FIRMWARE = Set.of("firmware", "fingerprint", "build", "kernel", "sdk", "release",
            "bootloader", "baseband", "hash");
    private static final Set<String> RUNTIME = Set.of("runtime", "onnx", "onnxruntime", "ort", "library", "agent");
    private static final Set<String> DEVICE = Set.of("model", "board", "chip", "cores", "cpus", "cluster", "clusters",
            "platform", "serial", "abi");
    private static final Pattern WORD_BREAK = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|[^A-Za-z0-9]+");

    private ProvenanceDiff() {
    }

    public static List<ProvenanceChange> compare(TableProvenance a, TableProvenance b) {
        List<ProvenanceChange> out = new ArrayList<>();
        add(out, "deviceId", Category.DEVICE, a.deviceId(), b.deviceId());
        add(out, "deviceDescription", Category.DEVICE, a.deviceDescription(), b.deviceDescription());
        add(out, "platform", Category.DEVICE, a.platform(), b.platform());
        add(out, "simulated", Category.DEVICE, a.simulated(), b.simulated());
        add(out, "cpuModel", Category.DEVICE, a.cpuModel(), b.cpuModel());
        add(out, "cores", Category.DEVICE, a.cores(), b.cores());
        add(out, "governor", Category.CLOCK, a.governor(), b.governor());
        add(out, "cpuMhz", Category.CLOCK, a.cpuMhz(), b.cpuMhz());
        addMap(out, "clocksHz", a.clocksHz(), b.clocksHz(), k -> Category.CLOCK);
        add(out, "runtime", Category.RUNTIME, a.runtime(), b.runtime());
        add(out, "runtimeVersion", Category.RUNTIME, a.runtimeVersion(), b.runtimeVersion());
        add(out, "optLevel", Category.SETTINGS, a.optLevel(), b.optLevel());
        add(out, "threads", Category.SETTINGS, a.threads(), b.threads());
        add(out, "precision", Category.SETTINGS, a.precision(), b.precision());
        add(out, "edgenasVersion", Category.TOOL, a.edgenasVersion(), b.edgenasVersion());
        add(out, "gitCommit", Category.TOOL, a.gitCommit(), b.gitCommit());
        addMap(out, "host", a.host(), b.host(), k -> Category.HOST);
        addMap(out, "facts", a.facts(), b.facts(), ProvenanceDiff::categoryOfFact);
        return out;
    }

    /** The category of a backend-specific fact, from its name; null for facts that vary on their own. */
    static Category categoryOfFact(String name) {
        Set<String> words = new HashSet<>();
        for (String w : WORD_BREAK.split(name)) {
            words.add(w.toLowerCase(Locale.ROOT));
        }
        // First match wins: "clusterFreqKHz" is a clock although it names the cluster.
        List<Map.Entry<Set<String>, Category>> order = List.of(Map.entry(VOLATILE, Category.OTHER),
                Map.entry(THERMAL, Category.THERMAL), Map.entry(CLOCK, Category.CLOCK),
                Map.entry(FIRMWARE, Category.FIRMWARE), Map.entry(RUNTIME, Category.RUNTIME),
                Map.entry(DEVICE, Category.DEVICE));
        for (Map.Entry<Set<String>, Category> e : order) {
            if (!java.util.Collections.disjoint(words, e.getKey())) {
                return e.getKey() == VOLATILE ? null : e.getValue();
            }
        }
        return Category.OTHER;
    }

    private static void add(List<ProvenanceChange> out, String field, Category c, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(new ProvenanceChange("provenance." + field, c, a == null ? null : a.toString(),
                    b == null ? null : b.toString()));
        }
    }

    private static void addMap(List<ProvenanceChange> out, String field, Map<String, ?> a, Map<String, ?> b,
                               java.util.function.Function<String, Category> category) {
        Map<String, ?> ma = a == null ? Map.of() : a;
        Map<String, ?> mb = b == null ? Map.of() : b;
        TreeSet<String> keys = new TreeSet<>(ma.keySet());
        keys.addAll(mb.keySet());
        for (String k : keys) {
            Category c = category.apply(k);
            if (c != null) {
                add(out, field + "." + k, c, ma.get(k), mb.get(k));
            }
        }
    }
}
