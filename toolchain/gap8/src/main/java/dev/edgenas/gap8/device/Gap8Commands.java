package dev.edgenas.gap8.device;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.gap8.Gap8Options;
import dev.edgenas.gap8.Gap8Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The exact build, load and run commands of a firmware project, per platform. */
public final class Gap8Commands {
    private Gap8Commands() {
    }

    /** Host gcc build of the firmware with the PMSIS host layer (host-sim, checksum reference). */
    public static List<String> hostBuild(Path project, List<String> sources, boolean reference, Path output) {
        List<String> cmd = new ArrayList<>(List.of("gcc", "-std=gnu11", "-O2", "-Wall", "-pthread",
                "-I" + project, "-I" + project.resolve("kernels"), "-I" + project.resolve("host"),
                "-DEN_PLATFORM=\"host-sim\"", "-DEN_CHIP=\"host\""));
        if (reference) {
            cmd.add("-DEN_REFERENCE_RUN");
        }
        sources.forEach(s -> cmd.add(project.resolve(s).toString()));
        cmd.add(project.resolve("host/pmsis_host.c").toString());
        cmd.addAll(List.of("-o", output.toString()));
        return cmd;
    }

    /**
     * GAP SDK build. Board: {@code clean build}, not {@code all}: on GAP8 {@code all} also writes the
     * image to HyperFlash (the default boot device), which wears the flash and is not needed, since
     * {@code make run} loads over JTAG. GVSOC: {@code clean all}, since the simulated chip boots from
     * its simulated HyperFlash, whose image {@code all} prepares ({@code run} alone aborts).
     */
    public static List<String> sdkBuild(Path project, Gap8Options o) {
        return sdk(project, o, o.platform() == Gap8Platform.GVSOC ? "clean all" : "clean build");
    }

    /** GAP SDK load-and-run (JTAG, or GVSOC) or flash. */
    public static List<String> sdkRun(Path project, Gap8Options o) {
        return sdk(project, o, o.flash() ? "flash" : "run");
    }

    private static List<String> sdk(Path project, Gap8Options o, String targets) {
        Gap8Sdk sdk = Gap8Sdk.locate(o);
        String env = sdk != null ? sdk.sourceLine(o.boardConfigScript())
                : o.sdk() != null ? "source " + Commands.quote(o.sdk().resolve("configs").resolve(o.boardConfigScript()).toString())
                : "source \"$GAP_SDK_HOME/configs/" + o.boardConfigScript() + "\""; // dry run: expanded by the shell
        String platform = o.platform() == Gap8Platform.GVSOC ? "gvsoc" : "board";
        return List.of("bash", "-c", env + " && make -C " + Commands.quote(project.toString()) + " " + targets
                + " platform=" + platform + " io=uart");
    }

    /** Fails with what to install when the SDK cannot be used. */
    public static void requireSdk(Gap8Options o) {
        Gap8Sdk sdk = Gap8Sdk.locate(o);
        String install = "install the GreenWaves GAP SDK (github.com/GreenWaves-Technologies/gap_sdk, with its "
                + "toolchain) and pass --sdk DIR or set GAP_SDK_HOME"
                + (o.platform() == Gap8Platform.GVSOC ? "; for GVSOC alone, scripts/setup-gvsoc.sh builds it from "
                + "your SDK and toolchain checkouts into " + Gap8Sdk.defaultGvsocHome() + " ($" + Gap8Sdk.GVSOC_HOME_ENV + ")" : "");
        if (sdk == null) {
            Path looked = Gap8Sdk.firstCandidate(o);
            throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, (looked == null ? "no GAP SDK given"
                    : "no GAP SDK at " + looked + " (neither configs/ nor a GVSOC setup's env.sh)") + " for platform "
                    + o.platform().id() + ": " + install);
        }
        Path script = sdk.root().resolve("configs").resolve(o.boardConfigScript());
        if (!Files.isRegularFile(script)) {
            throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, "GAP SDK at " + sdk.root() + " has no board "
                    + "config " + script.getFileName() + " (--board " + o.board() + "): " + install);
        }
        if (Commands.which("make") == null || Commands.which("bash") == null) {
            throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, "the GAP SDK build needs make and bash: "
                    + "install the Debian packages make and bash");
        }
    }

    public static void requireHostTools(boolean socat) {
        if (Commands.which("gcc") == null) {
            throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, "the firmware's host build (host-sim and the "
                    + "checksum reference) needs gcc: install the Debian package gcc");
        }
        if (socat && Commands.which("socat") == null) {
            throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE,
                    "host-sim needs socat for its pseudo-terminal pair: install the Debian package socat");
        }
    }
}
