package dev.edgenas.deploy.gap8;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Builds the generated project with the host's gcc against the PMSIS host layer (-Werror: the
 * generated C must be warning-free) and runs it with the output dump on, as host-build.sh does.
 *
 * @param cycles   host time converted at the cluster clock: NOT GAP8 cycles
 * @param checksum FNV-1a 32 of the int8 output, as main.c prints it
 * @param output   the int8 output tensor (CHW)
 */
public record HostRun(long cycles, String checksum, byte[] output, String command) {

    public static HostRun run(Path project, List<String> sources, int outputBytes) {
        Path bin;
        try {
            bin = Files.createTempDirectory("edgenas-gap8-host").resolve("network-host");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>(List.of("gcc", "-O2", "-std=c99", "-Wall", "-Wextra", "-Werror",
                "-DEN_DUMP_OUTPUT=1", "-Ihost", "-Ikernels", "-o", bin.toString()));
        cmd.addAll(sources);
        cmd.addAll(List.of("host/pmsis_host.c", "-lpthread"));
        Tools.Result c = Tools.run(cmd, project, Map.of(), 600, "gcc");
        if (c.exit() != 0) {
            throw new EdgenasException(ExitCode.FAILURE, "the generated GAP8 project does not compile on the host:\n"
                    + Tools.tail(c.output(), 20));
        }
        Tools.Result r = Tools.run(List.of(bin.toString()), project, Map.of("EN_SIM_UNPACED", "1"), 600, "gcc");
        try {
            Files.deleteIfExists(bin);
            Files.deleteIfExists(bin.getParent());
        } catch (IOException ignored) {
            // temp files
        }
        if (r.exit() != 0) {
            throw new EdgenasException(ExitCode.FAILURE, "the host build of the GAP8 project failed (exit " + r.exit() + "):\n"
                    + Tools.tail(r.output(), 10));
        }
        return parse(r.output(), outputBytes, String.join(" ", cmd));
    }

    static HostRun parse(String out, int outputBytes, String command) {
        long cycles = -1;
        String checksum = null;
        byte[] data = new byte[outputBytes];
        int n = 0;
        HexFormat hex = HexFormat.of();
        for (String line : out.split("\n")) {
            if (line.startsWith("EN_RESULT ")) {
                for (String kv : line.substring(10).trim().split(" ")) {
                    String[] p = kv.split("=", 2);
                    switch (p[0]) {
                        case "status" -> {
                            if (!p[1].equals("0")) {
                                throw new EdgenasException(ExitCode.FAILURE, "GAP8 host run reported status " + p[1]);
                            }
                        }
                        case "cycles" -> cycles = Long.parseLong(p[1]);
                        case "checksum" -> checksum = p[1];
                        default -> {
                        }
                    }
                }
            } else if (line.startsWith("EN_OUT ")) {
                byte[] b = hex.parseHex(line.substring(7).trim());
                if (n + b.length > outputBytes) {
                    throw new EdgenasException(ExitCode.FAILURE, "GAP8 host run printed more output than " + outputBytes + " bytes");
                }
                System.arraycopy(b, 0, data, n, b.length);
                n += b.length;
            }
        }
        if (checksum == null || n != outputBytes) {
            throw new EdgenasException(ExitCode.FAILURE, "GAP8 host run output incomplete (" + n + " of " + outputBytes
                    + " bytes, checksum " + checksum + "):\n" + Tools.tail(out, 5));
        }
        return new HostRun(cycles, checksum, data, command);
    }

    /** FNV-1a 32 as main.c computes it. */
    public static String fnv1a(byte[] data) {
        int h = 0x811c9dc5;
        for (byte b : data) {
            h = (h ^ (b & 0xff)) * 16777619;
        }
        return String.format("%08x", h);
    }
}
