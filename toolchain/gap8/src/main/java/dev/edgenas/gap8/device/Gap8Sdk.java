package dev.edgenas.gap8.device;

import dev.edgenas.gap8.Gap8Options;
import dev.edgenas.gap8.Gap8Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the GAP SDK is and how a shell gets its environment. Two layouts are accepted:
 * <ul>
 *   <li>a GAP SDK checkout built the SDK's own way ({@code configs/gapuino_v3.sh} under it), whose
 *       board script sets everything up;</li>
 *   <li>a GVSOC setup made by {@code scripts/setup-gvsoc.sh} (a prefix holding {@code env.sh} and
 *       {@code gap_sdk/}): {@code env.sh} adds the compiler wrapper and GreenWaves' binutils first.</li>
 * </ul>
 * Looked up in order: {@code --sdk}, {@code $GAP_SDK_HOME}, {@code $EDGENAS_GVSOC_HOME}, and, for
 * {@code --platform gvsoc} only, the default setup prefix {@code ~/.cache/gvsoc}.
 *
 * @param root    the SDK checkout (holds configs/)
 * @param envFile the setup's env.sh, or null for an SDK with its own toolchain
 */
public record Gap8Sdk(Path root, Path envFile) {
    public static final String GVSOC_HOME_ENV = "EDGENAS_GVSOC_HOME";

    /** The SDK the options point at, or null when none is found. */
    public static Gap8Sdk locate(Gap8Options o) {
        for (Path p : candidates(o)) {
            Gap8Sdk s = at(p);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /** A GVSOC-capable SDK from $GAP_SDK_HOME, $EDGENAS_GVSOC_HOME or ~/.cache/gvsoc (in that order), or null. */
    public static Gap8Sdk locateGvsoc() {
        List<Path> c = new ArrayList<>();
        for (String env : new String[] {"GAP_SDK_HOME", GVSOC_HOME_ENV}) {
            String v = System.getenv(env);
            if (v != null && !v.isBlank()) {
                c.add(Path.of(v));
            }
        }
        c.add(defaultGvsocHome());
        for (Path p : c) {
            Gap8Sdk s = at(p);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /** The first place that was looked at (for messages when nothing was found). */
    public static Path firstCandidate(Gap8Options o) {
        List<Path> c = candidates(o);
        return c.isEmpty() ? null : c.get(0);
    }

    /** The default GVSOC setup prefix: $EDGENAS_GVSOC_HOME, else ~/.cache/gvsoc. */
    public static Path defaultGvsocHome() {
        String env = System.getenv(GVSOC_HOME_ENV);
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "gvsoc");
    }

    private static List<Path> candidates(Gap8Options o) {
        List<Path> c = new ArrayList<>();
        if (o.sdk() != null) {
            c.add(o.sdk()); // an explicit --sdk is the only place looked at
            return c;
        }
        String env = System.getenv("GAP_SDK_HOME");
        if (env != null && !env.isBlank()) {
            c.add(Path.of(env));
        }
        String gv = System.getenv(GVSOC_HOME_ENV);
        if (gv != null && !gv.isBlank()) {
            c.add(Path.of(gv));
        }
        if (o.platform() == Gap8Platform.GVSOC) {
            c.add(defaultGvsocHome());
        }
        return c;
    }

    /** An SDK at {@code p}: a setup prefix, an SDK inside one, or a plain SDK; null if neither. */
    static Gap8Sdk at(Path p) {
        if (p == null) {
            return null;
        }
        if (Files.isRegularFile(p.resolve("env.sh")) && Files.isDirectory(p.resolve("gap_sdk/configs"))) {
            return new Gap8Sdk(p.resolve("gap_sdk"), p.resolve("env.sh"));
        }
        if (Files.isDirectory(p.resolve("configs"))) {
            Path env = p.getParent() == null ? null : p.getParent().resolve("env.sh");
            return new Gap8Sdk(p, env != null && Files.isRegularFile(env) ? env : null);
        }
        return null;
    }

    /** The shell words that set up the environment for a board config script. */
    public String sourceLine(String boardScript) {
        String board = "source " + Commands.quote(root.resolve("configs").resolve(boardScript).toString());
        // env.sh sources gapuino_v3.sh itself; the board script after it selects another board
        return envFile == null ? board : "source " + Commands.quote(envFile.toString()) + " && " + board;
    }

    /** The SDK checkout's commit (provenance), "unknown" when it is not a git checkout. */
    public String commit() {
        try {
            dev.edgenas.core.ChildProcess.Result r = dev.edgenas.core.ChildProcess.run(
                    new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "HEAD"), java.time.Duration.ofSeconds(10));
            String out = r.stdout().trim();
            return r.exit() == 0 && out.matches("[0-9a-f]{40}") ? out : "unknown";
        } catch (java.io.IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Which compiler builds the firmware: the setup's Debian-gcc wrapper, or the SDK's own. */
    public String compiler() {
        return envFile == null ? "GAP SDK toolchain (riscv32-unknown-elf-gcc, Xpulp code generation)"
                : "Debian riscv64-unknown-elf-gcc as plain rv32imc (edgenas GVSOC setup); Xpulp only from inline assembly";
    }
}
