package dev.edgenas.core;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Raw exports that a command normalised in memory (cli's RawExports) run from a private temporary copy,
 * since every stage opens models by path. This registry maps that copy back to the user's file, so that
 * provenance and reports record the file the user gave (path and SHA-256) and that it was normalised,
 * not the temporary path.
 */
public final class NormalisedInputs {
    /**
     * The user's file behind a normalised copy.
     *
     * @param original the file the user named
     * @param sha256   its SHA-256 (hex)
     * @param changes  what the normalisation changed, in words
     */
    public record Origin(Path original, String sha256, String changes) {
    }

    private static final Map<Path, Origin> COPIES = new ConcurrentHashMap<>();

    private NormalisedInputs() {
    }

    public static void register(Path copy, Path original, String changes) {
        COPIES.put(copy.toAbsolutePath().normalize(),
                new Origin(original.toAbsolutePath().normalize(), Checksums.sha256(original), changes));
    }

    /** The user's file when {@code file} is a normalised copy. */
    public static Optional<Origin> origin(Path file) {
        return file == null ? Optional.empty() : Optional.ofNullable(COPIES.get(file.toAbsolutePath().normalize()));
    }
}
