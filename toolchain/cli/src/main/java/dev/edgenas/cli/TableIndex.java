package dev.edgenas.cli;

import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.TableProvenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The latency tables in a folder, read and validated once, to tell which device has a table and how old it is. */
final class TableIndex {
    record Entry(Path file, TableProvenance provenance, boolean complete, int entries) {
        Instant created() {
            try {
                return Instant.parse(provenance.createdAt());
            } catch (RuntimeException e) {
                return Instant.EPOCH;
            }
        }
    }

    private final List<Entry> tables = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    TableIndex(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (!n.endsWith(".json") || n.endsWith(".schema.json") || n.contains(".validation")) {
                    continue;
                }
                try {
                    LatencyTable t = LatencyTable.read(f);
                    tables.add(new Entry(f, t.provenance(), t.complete(), t.size()));
                } catch (RuntimeException e) {
                    problems.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            problems.add(dir + ": " + e.getMessage());
        }
    }

    List<String> problems() {
        return problems;
    }

    /** The newest table matching, complete ones first. */
    Optional<Entry> newest(Predicate<TableProvenance> matches) {
        return tables.stream().filter(e -> matches.test(e.provenance()))
                .max(Comparator.comparing((Entry e) -> e.complete()).thenComparing(Entry::created));
    }

    /** What `devices` prints about a device's table: file, completeness, age. */
    static Map<String, Object> describe(Optional<Entry> e) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (e.isEmpty()) {
            m.put("file", null);
            return m;
        }
        Duration age = Duration.between(e.get().created(), Instant.now());
        m.put("file", e.get().file().toString());
        m.put("complete", e.get().complete());
        m.put("entries", e.get().entries());
        m.put("createdAt", e.get().provenance().createdAt());
        m.put("ageHours", Math.round(age.toMinutes() / 6.0) / 10.0);
        m.put("simulated", e.get().provenance().simulated());
        return m;
    }

    static String human(Map<String, Object> table) {
        if (table.get("file") == null) {
            return "no table";
        }
        double h = (Double) table.get("ageHours");
        String age = h < 48 ? h + " h old" : Math.round(h / 24) + " days old";
        return "table " + table.get("file") + " (" + table.get("entries") + " entries, "
                + (Boolean.TRUE.equals(table.get("complete")) ? "complete" : "INCOMPLETE: rerun profile to resume") + ", " + age + ")";
    }
}
