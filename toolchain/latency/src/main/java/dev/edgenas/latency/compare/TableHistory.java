package dev.edgenas.latency.compare;

import dev.edgenas.core.BadInputException;
import dev.edgenas.latency.LatencyTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The dated tables of a lab bench: {@code ROOT/<device>/<YYYY-MM-DD>.json}, one folder per device,
 * as the lab-bench scripts write them ({@code current.json} beside them is a copy of the newest
 * complete one and is skipped here). Files with other names are ignored; a dated file that is not a
 * valid table is an error naming it.
 *
 * @param root    the history folder
 * @param devices device folder name -> its versions, oldest first
 */
public record TableHistory(Path root, SortedMap<String, List<Version>> devices) {
    public static final String CURRENT = "current.json";

    /** One dated table of a device. */
    public record Version(LocalDate date, Path file, LatencyTable table) {
    }

    public static TableHistory scan(Path root) {
        if (!Files.isDirectory(root)) {
            throw BadInputException.at(root, null, "history folder not found");
        }
        SortedMap<String, List<Version>> devices = new TreeMap<>();
        for (Path dir : list(root)) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Version> versions = new ArrayList<>();
            for (Path f : list(dir)) {
                LocalDate date = dateOf(f);
                if (date != null) {
                    versions.add(new Version(date, f, LatencyTable.read(f)));
                }
            }
            if (!versions.isEmpty()) {
                versions.sort((x, y) -> x.date().compareTo(y.date()));
                devices.put(dir.getFileName().toString(), Collections.unmodifiableList(versions));
            }
        }
        return new TableHistory(root, Collections.unmodifiableSortedMap(devices));
    }

    /** The date of a history file named YYYY-MM-DD.json, or null for any other file. */
    static LocalDate dateOf(Path f) {
        String n = f.getFileName().toString();
        if (!n.endsWith(".json") || n.length() != "YYYY-MM-DD.json".length()) {
            return null;
        }
        try {
            return LocalDate.parse(n.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Each version of a device compared with its first version (the first compares with itself). */
    public List<TableDiff> driftFromFirst(String device, DriftOptions o) {
        List<Version> v = devices.getOrDefault(device, List.of());
        List<TableDiff> out = new ArrayList<>();
        for (Version x : v) {
            out.add(TableDiff.compare(v.get(0).file().toString(), v.get(0).table(), x.file().toString(), x.table(), o));
        }
        return out;
    }

    /** The newest version of every device. */
    public SortedMap<String, Version> latest() {
        SortedMap<String, Version> m = new TreeMap<>();
        devices.forEach((d, v) -> m.put(d, v.get(v.size() - 1)));
        return m;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
