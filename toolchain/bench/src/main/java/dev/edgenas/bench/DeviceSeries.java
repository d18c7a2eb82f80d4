package dev.edgenas.bench;

import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.compare.DriftOptions;
import dev.edgenas.latency.compare.TableDiff;
import dev.edgenas.latency.compare.TableHistory;
import dev.edgenas.latency.compare.TableHistory.Version;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The table versions of one device, oldest first: a history folder of the lab bench, or a single
 * table file given on the command line.
 *
 * @param name     the device's folder name (or the table file's name without .json)
 * @param versions oldest first, at least one
 */
public record DeviceSeries(String name, List<Version> versions) {
    public DeviceSeries {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("device " + name + " has no tables");
        }
        versions = List.copyOf(versions);
    }

    public Version latest() {
        return versions.get(versions.size() - 1);
    }

    /** The newest version compared with the one before it; null with a single version. */
    public TableDiff latestVsPrevious(DriftOptions o) {
        if (versions.size() < 2) {
            return null;
        }
        Version prev = versions.get(versions.size() - 2);
        return TableDiff.compare(prev.date() + " " + prev.file(), prev.table(), latest().date() + " " + latest().file(),
                latest().table(), o);
    }

    /** All devices of a history folder (may be null) plus single tables, by name. */
    static Map<String, DeviceSeries> collect(Path history, List<Path> tables) {
        Map<String, DeviceSeries> m = new TreeMap<>();
        if (history != null) {
            TableHistory.scan(history).devices().forEach((d, v) -> m.put(d, new DeviceSeries(d, v)));
        }
        for (Path t : tables) {
            LatencyTable table = LatencyTable.read(t);
            String base = t.getFileName().toString().replaceFirst("\\.json$", "");
            String name = base;
            for (int i = 2; m.containsKey(name); i++) {
                name = base + "-" + i;
            }
            m.put(name, new DeviceSeries(name, new ArrayList<>(List.of(new Version(dateOf(table), t, table)))));
        }
        return m;
    }

    private static LocalDate dateOf(LatencyTable t) {
        try {
            return OffsetDateTime.parse(t.provenance().createdAt()).toLocalDate();
        } catch (DateTimeParseException | NullPointerException e) {
            return LocalDate.EPOCH;
        }
    }
}
