package dev.edgenas.deploy.gap8;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.gap8.device.Gap8Sdk;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds a generated GAP8 project with the GAP SDK (image and flash: `make clean all platform=gvsoc`) and
 * runs it whole on GVSOC's GAPuino model (`make run platform=gvsoc`); the UART text is main.c's, parsed
 * like the host build's.
 */
public final class GvsocRun {
    private GvsocRun() {
    }

    /** Why GVSOC cannot run here, or null when an SDK with GVSOC was found. */
    public static String unavailable() {
        return Gap8Sdk.locateGvsoc() == null ? "no GAP SDK with GVSOC in $GAP_SDK_HOME, $" + Gap8Sdk.GVSOC_HOME_ENV + " or "
                + Gap8Sdk.defaultGvsocHome() + " (scripts/gvsoc/setup-gvsoc.sh sets one up)" : null;
    }

    /** The run, with the wall seconds it took. */
    public record Result(HostRun run, double wallSeconds, String command) {
    }

    public static Result run(Path project, QTensor output, int timeoutSeconds) {
        Gap8Sdk sdk = Gap8Sdk.locateGvsoc();
        if (sdk == null) {
            throw new EdgenasException(ExitCode.FAILURE, unavailable());
        }
        String cmd = sdk.sourceLine("gapuino_v3.sh") + " >/dev/null 2>&1 && make clean all platform=gvsoc >gvsoc-build.log 2>&1"
                + " && make run platform=gvsoc";
        long t0 = System.nanoTime();
        Tools.Result r = Tools.run(List.of("bash", "-c", cmd), project, Map.of(), timeoutSeconds, "the GAP SDK (GVSOC)");
        double wall = (System.nanoTime() - t0) / 1e9;
        if (r.exit() != 0) {
            throw new EdgenasException(ExitCode.FAILURE, "GVSOC run of " + project + " failed (exit " + r.exit()
                    + ", build log gvsoc-build.log):\n" + Tools.tail(r.output(), 12));
        }
        return new Result(HostRun.parse(r.output(), output, cmd), wall, cmd);
    }
}
