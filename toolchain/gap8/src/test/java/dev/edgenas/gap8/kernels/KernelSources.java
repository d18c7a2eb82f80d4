package dev.edgenas.gap8.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the kernel C sources live (device-agents/gap8/kernels, two levels above this module) and
 * the host build of them: compiled once per JVM with sanitizers, so an out-of-bounds read or a
 * signed overflow inside a kernel fails the test run.
 */
final class KernelSources {
    /** Flags of every host compile: the brief's strict C99 plus ASan/UBSan. */
    static final List<String> HOST_FLAGS = List.of("-O2", "-std=c99", "-Wall", "-Wextra", "-Werror",
            "-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer");

    private static Path workDir;
    private static List<Path> hostObjects;

    private KernelSources() {
    }

    static Path kernelDir() {
        String override = System.getProperty("edgenas.gap8.kernels");
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path dir = override != null ? Path.of(override) : base.resolve("../../device-agents/gap8/kernels").normalize();
        if (!Files.isRegularFile(dir.resolve("en_kernels.h"))) {
            throw new AssertionError("kernel sources not found at " + dir + " (set -Dedgenas.gap8.kernels=DIR)");
        }
        return dir;
    }

    static List<Path> cSources() {
        try (Stream<Path> s = Files.list(kernelDir())) {
            List<Path> list = s.filter(p -> p.toString().endsWith(".c")).sorted().toList();
            if (list.isEmpty()) {
                throw new AssertionError("no .c files in " + kernelDir());
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A per-JVM scratch folder holding the stub pmsis.h (copied from test resources). */
    static synchronized Path workDir() {
        if (workDir == null) {
            try {
                workDir = Files.createTempDirectory("edgenas-kernels");
                Path dir = workDir;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                Path stub = Files.createDirectories(workDir.resolve("stub"));
                try (InputStream in = KernelSources.class.getResourceAsStream("stub/pmsis.h")) {
                    if (in == null) {
                        throw new AssertionError("test resource stub/pmsis.h missing");
                    }
                    Files.copy(in, stub.resolve("pmsis.h"));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return workDir;
    }

    /** Best effort: a failed case's files stay only until the JVM exits. */
    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // nothing to do at shutdown
        }
    }

    static Path stubDir() {
        return workDir().resolve("stub");
    }

    /** Include flags: the kernel folder and the stub pmsis.h. */
    static List<String> includes() {
        return List.of("-I" + kernelDir(), "-I" + stubDir());
    }

    static synchronized List<Path> hostObjects() {
        if (hostObjects == null) {
            List<Path> objs = new ArrayList<>();
            for (Path src : cSources()) {
                Path obj = workDir().resolve(src.getFileName().toString().replace(".c", ".host.o"));
                List<String> cmd = new ArrayList<>();
                cmd.add(Toolchain.hostGcc().toString());
                cmd.addAll(HOST_FLAGS);
                cmd.addAll(includes());
                cmd.addAll(List.of("-c", src.toString(), "-o", obj.toString()));
                Toolchain.run(cmd, workDir(), 120);
                objs.add(obj);
            }
            hostObjects = List.copyOf(objs);
        }
        return hostObjects;
    }

    /** Links a test program {@code src} against the sanitized host kernels into {@code exe} (run in {@code dir}). */
    static void linkHost(Path src, Path exe, Path dir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Toolchain.hostGcc().toString());
        cmd.addAll(HOST_FLAGS);
        cmd.addAll(includes());
        cmd.add(src.toString());
        hostObjects().forEach(o -> cmd.add(o.toString()));
        cmd.addAll(List.of("-o", exe.toString()));
        Toolchain.run(cmd, dir, 120);
    }
}
