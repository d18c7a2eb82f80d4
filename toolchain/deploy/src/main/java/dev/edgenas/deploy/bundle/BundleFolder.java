package dev.edgenas.deploy.bundle;

import dev.edgenas.core.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The output folder of a bundle: new, empty, or a previous bundle (which is replaced). */
public final class BundleFolder {
    private BundleFolder() {
    }

    public static void prepare(Path out) {
        try {
            if (Files.exists(out)) {
                if (!Files.isDirectory(out)) {
                    throw BadInputException.at(out, "--out", "exists and is not a folder");
                }
                boolean empty;
                try (Stream<Path> s = Files.list(out)) {
                    empty = s.findAny().isEmpty();
                }
                if (!empty) {
                    if (!Files.isRegularFile(out.resolve(Manifest.FILE))) {
                        throw BadInputException.at(out, "--out", "is not empty and holds no " + Manifest.FILE
                                + ": not replacing a folder that is not an edgenas bundle");
                    }
                    try (Stream<Path> s = Files.walk(out)) {
                        for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                            if (!p.equals(out)) {
                                Files.delete(p);
                            }
                        }
                    }
                }
            }
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare bundle folder " + out + ": " + e.getMessage(), e);
        }
    }
}
