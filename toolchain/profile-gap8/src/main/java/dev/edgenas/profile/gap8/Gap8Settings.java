package dev.edgenas.profile.gap8;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.gap8.Gap8Options;
import dev.edgenas.gap8.Gap8Platform;
import dev.edgenas.gap8.device.UartPortCheck;
import dev.edgenas.profile.BackendConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * The backend options of {@code --device gap8} (BackendConfig.options keys below) turned into
 * {@link Gap8Options}. The port comes from {@code gap8:PORT} or the {@value #PORT} option; the
 * cluster cores from the config's threads (0 = all 8).
 */
public final class Gap8Settings {
    public static final String PORT = "port";
    public static final String BAUD = "baud";
    public static final String SDK = "sdk";
    public static final String BOARD = "board";
    public static final String PLATFORM = "platform";
    public static final String FC_MHZ = "fcMhz";
    public static final String CL_MHZ = "clMhz";
    /** Repetitions per kernel in one firmware run (the sample pool's chunk). */
    public static final String REPS = "reps";
    public static final String WORK_DIR = "workDir";
    public static final String DRY_RUN = "dryRun";
    public static final String TIMEOUT_SCALE = "timeoutScale";
    /** host-sim only: the pty end the firmware writes to, when the port is a fixed pty pair's other end. */
    public static final String SIM_TTY = "simTty";

    private Gap8Settings() {
    }

    /** The options of a profiling run; a USAGE error for an fp32 request, a bad number or a missing port. */
    public static Gap8Options of(BackendConfig c) {
        if (!c.precision().equals("int8")) {
            throw new EdgenasException(ExitCode.USAGE, "--device gap8: GAP8 profiles int8 kernels only (its en_* "
                    + "kernels are int8), not " + c.precision() + ": use --precision int8 or leave --precision out");
        }
        if (c.threads() < 0 || c.threads() > 8) {
            throw new EdgenasException(ExitCode.USAGE, "--threads " + c.threads() + ": GAP8 cluster cores are 1..8 (0 = all 8)");
        }
        Map<String, String> o = c.options();
        String port = c.device().target() != null && !c.device().target().isEmpty() ? c.device().target() : o.get(PORT);
        Gap8Platform platform;
        try {
            platform = Gap8Platform.parse(o.getOrDefault(PLATFORM, Gap8Platform.BOARD.id()));
        } catch (IllegalArgumentException e) {
            throw new EdgenasException(ExitCode.USAGE, "--platform: " + e.getMessage());
        }
        boolean dryRun = Boolean.parseBoolean(o.getOrDefault(DRY_RUN, "false"));
        Path simTty = o.containsKey(SIM_TTY) ? Path.of(o.get(SIM_TTY)) : null;
        if (platform == Gap8Platform.BOARD && port == null && !dryRun) {
            throw new EdgenasException(ExitCode.USAGE, "--device gap8 needs the board's UART: --port /dev/ttyUSB1 "
                    + "(or --device gap8:/dev/ttyUSB1); GAPuino's FTDI gives JTAG and UART, the UART is usually the second");
        }
        if (platform == Gap8Platform.BOARD && port != null && !dryRun) {
            UartPortCheck.system().requireUart(port); // the GAPuino's JTAG side instead of its UART
        }
        if (platform == Gap8Platform.HOST_SIM && port != null && simTty == null) {
            throw new EdgenasException(ExitCode.USAGE, "--platform host-sim makes its own pseudo-terminal pair: leave --port out");
        }
        Gap8Options.Builder b = Gap8Options.builder().platform(platform).port(port).board(o.getOrDefault(BOARD, "gapuino"))
                .baud(positiveInt(o, BAUD, 115200)).fcHz(mhz(o, FC_MHZ, 250)).clHz(mhz(o, CL_MHZ, 175))
                .reps(positiveInt(o, REPS, platform == Gap8Platform.GVSOC ? 3 : 20)).cores(c.threads() == 0 ? 8 : c.threads()).dryRun(dryRun).simTty(simTty);
        if (platform == Gap8Platform.GVSOC) {
            b.warmup(1); // deterministic: one untimed run fills the instruction cache, three timed ones suffice
        }
        if (o.containsKey(SDK)) {
            b.sdk(Path.of(o.get(SDK)));
        }
        if (o.containsKey(WORK_DIR)) {
            b.workDir(Path.of(o.get(WORK_DIR)));
        }
        if (o.containsKey(TIMEOUT_SCALE)) {
            b.timeoutScale(Double.parseDouble(o.get(TIMEOUT_SCALE)));
        }
        return b.build();
    }

    private static int positiveInt(Map<String, String> o, String name, int dflt) {
        String v = o.get(name);
        try {
            int n = v == null ? dflt : Integer.parseInt(v);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new EdgenasException(ExitCode.USAGE, "--" + cli(name) + " " + v + ": expected a positive whole number");
        }
    }

    private static long mhz(Map<String, String> o, String name, double dflt) {
        String v = o.get(name);
        try {
            double m = v == null ? dflt : Double.parseDouble(v);
            if (!(m > 0) || m > 4000) {
                throw new NumberFormatException();
            }
            return Math.round(m * 1e6);
        } catch (NumberFormatException e) {
            throw new EdgenasException(ExitCode.USAGE, "--" + cli(name) + " " + v + ": expected a clock in MHz, e.g. "
                    + (int) dflt);
        }
    }

    private static String cli(String option) {
        return switch (option) {
            case FC_MHZ -> "fc-mhz";
            case CL_MHZ -> "cl-mhz";
            default -> option;
        };
    }
}
