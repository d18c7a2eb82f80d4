package dev.edgenas.deploy.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.Checksums;
import dev.edgenas.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * manifest.json of a bundle: its name, format and the check that every file is intact. What it holds
 * (the model and how to feed it, quantisation, verification, provenance) is written by the deploy
 * step ({@code dev.edgenas.deploy.BundleManifest}), so this package never reaches back to it.
 */
public final class Manifest {
    public static final String FILE = "manifest.json";
    public static final String FORMAT = "edgenas-bundle";
    public static final int VERSION = 1;

    private Manifest() {
    }

    /** Relative path (with '/') -> "sha256:..." of every file in the bundle but the manifest. */
    public static Map<String, String> checksums(Path out) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                String rel = out.relativize(p).toString().replace('\\', '/');
                if (!rel.equals(FILE)) {
                    files.put(rel, "sha256:" + Checksums.sha256(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Problems with a bundle (missing, changed or unlisted files); empty when it is intact. */
    public static List<String> verify(Path bundle) {
        List<String> problems = new ArrayList<>();
        JsonNode m = Json.readTree(bundle.resolve(FILE));
        if (!FORMAT.equals(m.path("format").asText())) {
            problems.add(FILE + ": format is not " + FORMAT);
        }
        Map<String, String> actual = checksums(bundle);
        JsonNode listed = m.path("files");
        for (Iterator<Map.Entry<String, JsonNode>> it = listed.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String have = actual.remove(e.getKey());
            if (have == null) {
                problems.add(e.getKey() + ": listed in the manifest but missing");
            } else if (!have.equals(e.getValue().asText())) {
                problems.add(e.getKey() + ": checksum differs from the manifest");
            }
        }
        actual.keySet().forEach(f -> problems.add(f + ": not listed in the manifest"));
        return problems;
    }
}
