package dev.edgenas.cli;

import dev.edgenas.core.BadInputException;
import dev.edgenas.latency.HostIdentity;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.runtime.OrtEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where latency tables are found by name, and the one-line check that a CPU table describes this host. A
 * {@code --latency-table}/{@code --table} value is a path; when no file is there and it is a bare file name, it is
 * looked up in {@code latency-tables/} and in the table cache {@code $EDGENAS_HOME/tables/}, so the shipped
 * example and the tables profiled here are named as the docs name them.
 */
final class TableNames {
    private TableNames() {
    }

    /** $EDGENAS_HOME/tables (the launcher sets EDGENAS_HOME; ~/.cache/edgenas without it). */
    static Path cacheDir() {
        String home = System.getenv("EDGENAS_HOME");
        Path base = home != null && !home.isBlank() ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".cache", "edgenas");
        return base.resolve("tables");
    }

    static List<Path> searchDirs() {
        return List.of(Path.of("latency-tables"), cacheDir());
    }

    /** The table file a name means; a name that matches nothing is a bad-input error listing the tables there are. */
    static Path resolve(Path given) {
        return resolve(given, searchDirs());
    }

    static Path resolve(Path given, List<Path> dirs) {
        if (Files.exists(given) || given.getParent() != null) {
            return given;
        }
        String name = given.toString();
        for (Path dir : dirs) {
            for (String candidate : name.endsWith(".json") ? List.of(name) : List.of(name, name + ".json")) {
                Path p = dir.resolve(candidate);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        List<String> known = known(dirs);
        throw BadInputException.at(given, null, "no such file, and no table of that name in "
                + String.join(" or ", dirs.stream().map(d -> d + "/").toList())
                + (known.isEmpty() ? " (no tables there)" : "; tables: " + String.join(", ", known)));
    }

    static List<Path> resolveAll(List<Path> given) {
        List<Path> out = new ArrayList<>();
        given.forEach(g -> out.add(resolve(g)));
        return out;
    }

    /** Table files in the search folders (validation reports and the schema left out). */
    static List<String> known(List<Path> dirs) {
        Set<String> out = new LinkedHashSet<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.map(Path::toString).filter(n -> n.endsWith(".json") && !n.endsWith(".schema.json")
                        && !n.contains(".validation")).sorted().forEach(out::add);
            } catch (IOException e) {
                // an unreadable folder lists nothing: the error names the folders searched
            }
        }
        return new ArrayList<>(out);
    }

    /** This host's identity (loads ONNX Runtime for its version). */
    static HostIdentity host() {
        return HostIdentity.current(OrtEnv.get().getVersion());
    }

    /** Prints, on stderr, the one line that says a CPU table was profiled on another machine; returns that line. */
    static String noteForeign(Path file, LatencyTable t) {
        String w = host().warning(file.toString(), t.provenance()).orElse(null);
        if (w != null) {
            System.err.println("edgenas: " + w);
        }
        return w;
    }
}
