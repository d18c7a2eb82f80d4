package dev.edgenas.gap8.kernels;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Locates the real compilers the kernel tests need and runs external commands. */
final class Toolchain {
    static final String HOST_GCC = "gcc";
    static final String RISCV_GCC = "riscv64-unknown-elf-gcc";
    static final String RISCV_NM = "riscv64-unknown-elf-nm";

    private Toolchain() {
    }

    /** The executable's path on PATH; fails (never skips) naming the Debian package to install. */
    static Path require(String exe, String debianPackage) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir, exe);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        throw new AssertionError(exe + " not found on PATH: install the Debian package " + debianPackage
                + " (apt-get install " + debianPackage + ")");
    }

    static Path hostGcc() {
        return require(HOST_GCC, "gcc");
    }

    static Path riscvGcc() {
        Path gcc = require(RISCV_GCC, "gcc-riscv64-unknown-elf");
        if (!Files.isDirectory(Path.of("/usr/lib/picolibc/riscv64-unknown-elf"))) {
            throw new AssertionError("picolibc headers for " + RISCV_GCC
                    + " missing: install the Debian package picolibc-riscv64-unknown-elf");
        }
        return gcc;
    }

    /** Runs a command; returns stdout; fails with the command's output if it exits non-zero. */
    static String run(List<String> cmd, Path workDir, long timeoutSeconds) {
        try {
            Path log = Files.createTempFile(workDir, "cmd", ".log");
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd));
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            if (p.exitValue() != 0) {
                throw new AssertionError("exit " + p.exitValue() + ": " + String.join(" ", cmd) + "\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
