package dev.edgenas.profile.gap8;

import dev.edgenas.profile.BackendOptions;
import java.util.LinkedHashMap;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code profile} options of {@code --device gap8}; unset ones take the backend's defaults. */
public final class Gap8ProfileOptions implements BackendOptions {
    @Option(names = "--port", description = "gap8: the board's UART, e.g. /dev/ttyUSB1 (same as --device gap8:PORT).")
    String port;

    @Option(names = "--baud", description = "gap8: UART baud rate (default 115200).")
    Integer baud;

    @Option(names = "--sdk", description = "gap8: GAP SDK root for board/gvsoc builds (default $GAP_SDK_HOME).")
    Path sdk;

    @Option(names = "--board", description = "gap8: gapuino (default), ai-deck, or an SDK config script name.")
    String board;

    @Option(names = "--platform", description = "gap8: board (default), gvsoc, or host-sim (host timings, never GAP8 latency).")
    String platform;

    @Option(names = "--fc-mhz", description = "gap8: fabric-controller clock (default 250).")
    Double fcMhz;

    @Option(names = "--cl-mhz", description = "gap8: cluster clock (default 175); tables store cycles and ms at the clock read back.")
    Double clMhz;

    @Option(names = "--work-dir", description = "gap8: folder for firmware projects, build logs and UART captures (default ./edgenas-gap8).")
    Path workDir;

    @Option(names = "--sim-tty", description = "gap8 host-sim: the pty end the firmware writes to when --port is the other end "
            + "of a pty pair made outside (a simulated board on a fixed port, e.g. socat ... link=uart ... link=fw).")
    Path simTty;

    @Option(names = "--dry-run", description = "gap8: generate the firmware projects and list the commands; run nothing.")
    boolean dryRun;

    @Override
    public String target() {
        return port;
    }

    @Override
    public String targetOption() {
        return "--port";
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> o = new LinkedHashMap<>();
        BackendOptions.put(o, Gap8Settings.BAUD, baud);
        BackendOptions.put(o, Gap8Settings.SDK, sdk);
        BackendOptions.put(o, Gap8Settings.BOARD, board);
        BackendOptions.put(o, Gap8Settings.PLATFORM, platform);
        BackendOptions.put(o, Gap8Settings.FC_MHZ, fcMhz);
        BackendOptions.put(o, Gap8Settings.CL_MHZ, clMhz);
        BackendOptions.put(o, Gap8Settings.WORK_DIR, workDir);
        BackendOptions.put(o, Gap8Settings.SIM_TTY, simTty);
        if (dryRun) {
            o.put(Gap8Settings.DRY_RUN, "true");
        }
        return o;
    }
}
