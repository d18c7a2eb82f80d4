package dev.edgenas.android.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The simulated phone's file system: device path "/x/y" is host path ROOT/x/y. Every path the
 * simulator touches goes through {@link #resolve}, which refuses anything that leaves the root
 * (by "..", or through a symbolic link).
 */
public final class Sandbox {
    private final Path root;

    public Sandbox(Path root) {
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create sandbox " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    /** Maps a device path (absolute, or relative to cwd) to the host path inside the sandbox. */
    public Path resolve(String devicePath, String cwd) throws SandboxEscapeException {
        String p = devicePath.startsWith("/") ? devicePath : cwd + "/" + devicePath;
        Path mapped = root.resolve(p.replaceFirst("^/+", "")).normalize();
        if (!mapped.startsWith(root)) {
            throw new SandboxEscapeException(devicePath);
        }
        // Follow links of the part that exists, so a link cannot point outside either.
        Path existing = mapped;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null) {
            try {
                if (!existing.toRealPath().startsWith(root)) {
                    throw new SandboxEscapeException(devicePath);
                }
            } catch (IOException e) {
                throw new SandboxEscapeException(devicePath);
            }
        }
        return mapped;
    }

    public Path resolve(String devicePath) throws SandboxEscapeException {
        return resolve(devicePath, "/");
    }

    /** The device path of a host path inside the sandbox. */
    public String devicePath(Path hostPath) {
        Path rel = root.relativize(hostPath.toAbsolutePath().normalize());
        return "/" + rel.toString().replace('\\', '/');
    }

    /** A device path that would leave the sandbox; reported to the host as a permission error. */
    public static final class SandboxEscapeException extends Exception {
        public SandboxEscapeException(String path) {
            super(path + ": Permission denied (outside the simulator sandbox)");
        }
    }
}
