package dev.edgenas.deploy.bundle;

import dev.edgenas.core.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The output folder of a bundle: new, empty, or a previous bundle. A bundle is written into a
 * staging sibling ({@code .NAME.edgenas-new}) and swapped in by renames at the very end, so a kill
 * or an error at any moment leaves the previous bundle (or, after the swap, the new one) and a
 * leftover staging folder that the next run removes: nothing ever blocks a rerun.
 *
 * <p>Java cannot exchange two folders atomically, so the swap is two renames: the old bundle to
 * {@code .NAME.edgenas-old}, the staged one to NAME. A kill in the microseconds between them leaves
 * the previous bundle intact under the -old name; {@link #recover} (run at the start of every
 * deploy) moves it back.
 */
public final class BundleFolder {
    private BundleFolder() {
    }

    /** Refuses an --out that is a file or a folder of something else; nothing is changed. */
    public static void check(Path out) {
        recover(out);
        if (!Files.exists(out)) {
            return;
        }
        if (!Files.isDirectory(out)) {
            throw BadInputException.at(out, "--out", "exists and is not a folder");
        }
        boolean empty;
        try (Stream<Path> s = Files.list(out)) {
            empty = s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundle folder " + out + ": " + e.getMessage(), e);
        }
        if (!empty && !Files.isRegularFile(out.resolve(Manifest.FILE))) {
            throw BadInputException.at(out, "--out", "is not empty and holds no " + Manifest.FILE
                    + ": not replacing a folder that is not an edgenas bundle");
        }
    }

    /** A fresh, empty staging folder beside {@code out} (a leftover of a killed run is removed). */
    public static Path stage(Path out) {
        Path staging = sibling(out, "new");
        try {
            delete(staging);
            Files.createDirectories(staging);
            return staging;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create staging folder " + staging + ": " + e.getMessage(), e);
        }
    }

    /** Replaces {@code out} by the finished staging folder. */
    public static void commit(Path staging, Path out) {
        Path old = sibling(out, "old");
        try {
            delete(old);
            if (Files.exists(out)) {
                move(out, old);
            }
            move(staging, out);
            delete(old);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the bundle into " + out + ": " + e.getMessage(), e);
        }
    }

    /** Removes a staging folder after a failure (the previous bundle is untouched). */
    public static void discard(Path staging) {
        try {
            delete(staging);
        } catch (IOException e) {
            // best effort: the next run removes it anyway
        }
    }

    /** Finishes an interrupted swap: a previous bundle left under the -old name goes back to {@code out}. */
    public static void recover(Path out) {
        Path old = sibling(out, "old");
        try {
            if (!Files.exists(old)) {
                return;
            }
            if (Files.exists(out)) {
                delete(old); // the swap completed; only the cleanup was cut short
            } else {
                move(old, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the previous bundle " + old + ": " + e.getMessage(), e);
        }
    }

    static Path sibling(Path out, String kind) {
        Path abs = out.toAbsolutePath().normalize();
        return abs.resolveSibling("." + abs.getFileName() + ".edgenas-" + kind);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
