package dev.edgenas.deploy.gap8;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.gap8.memory.HierarchyPlan;
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
 * generated C must be warning-free) and runs it on every input with the output dump on and the host
 * layer's memory boundaries enforced (EN_SIM_STRICT, the plan's L2 and HyperRAM sizes), as host-build.sh does.
 *
 * @param images  per input: its result line and output
 * @param layerCycles per layer of the first input (host time at the cluster clock: NOT GAP8 cycles)
 */
public record HostRun(List<Image> images, List<Long> layerCycles, String command) {
    /**
     * @param cycles   host time converted at the cluster clock: NOT GAP8 cycles
     * @param checksum FNV-1a 32 of the int8 output in HWC order, as main.c prints it
     * @param argmax   FNV-1a 32 of the per-pixel argmax map
     * @param output   the int8 output (CHW, converted from the printed HWC)
     */
    public record Image(long cycles, String checksum, String argmax, byte[] output) {
    }

    public Image first() {
        return images.get(0);
    }

    public static HostRun run(Path project, List<String> sources, QTensor output, HierarchyPlan plan) {
        Path bin;
        try {
            bin = Files.createTempDirectory("edgenas-gap8-host").resolve("network-host");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>(List.of("gcc", "-O2", "-std=c99", "-Wall", "-Wextra", "-Werror",
                "-DEN_DUMP_OUTPUT=1", "-I.", "-Ihost", "-Ikernels", "-o", bin.toString()));
        cmd.addAll(sources);
        cmd.addAll(List.of("host/pmsis_host.c", "-lpthread"));
        Tools.Result c = Tools.run(cmd, project, Map.of(), 600, "gcc");
        if (c.exit() != 0) {
            throw new EdgenasException(ExitCode.FAILURE, "the generated GAP8 project does not compile on the host:\n"
                    + Tools.tail(c.output(), 20));
        }
        Map<String, String> env = Map.of("EN_SIM_UNPACED", "1", "EN_SIM_STRICT", "1",
                "EN_SIM_L2_BYTES", Long.toString(plan.budget().l2Data()),
                "EN_SIM_L3_BYTES", Long.toString(plan.budget().l3RamBytes()));
        Tools.Result r = Tools.run(List.of(bin.toString()), project, env, 1800, "gcc");
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
        return parse(r.output(), output, String.join(" ", cmd));
    }

    /** Parses the UART text of main.c: EN_RESULT, EN_LAYER and EN_OUT lines (GVSOC prints the same). */
    public static HostRun parse(String out, QTensor output, String command) {
        int bytes = output.bytes();
        List<Image> images = new ArrayList<>();
        List<Long> layers = new ArrayList<>();
        List<byte[]> data = new ArrayList<>();
        List<Integer> filled = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        for (String line : out.split("\n")) {
            if (line.startsWith("EN_ERROR")) {
                throw new EdgenasException(ExitCode.FAILURE, "GAP8 run: " + line.trim());
            }
            if (line.startsWith("EN_OUT ")) {
                String[] p = line.trim().split(" ");
                int img = Integer.parseInt(p[1]);
                while (data.size() <= img) {
                    data.add(new byte[bytes]);
                    filled.add(0);
                }
                byte[] b = hex.parseHex(p[2]);
                int n = filled.get(img);
                if (n + b.length > bytes) {
                    throw new EdgenasException(ExitCode.FAILURE, "GAP8 run printed more output than " + bytes + " bytes");
                }
                System.arraycopy(b, 0, data.get(img), n, b.length);
                filled.set(img, n + b.length);
            } else if (line.startsWith("EN_LAYER ")) {
                layers.add(Long.parseLong(value(line, "cycles")));
            } else if (line.startsWith("EN_RESULT ")) {
                String status = value(line, "status");
                if (!"0".equals(status)) {
                    throw new EdgenasException(ExitCode.FAILURE, "GAP8 run reported status " + status + ": " + line.trim());
                }
                int img = Integer.parseInt(value(line, "image"));
                byte[] o = img < data.size() && filled.get(img) == bytes ? Gap8ProjectWriter.chw(data.get(img), output) : null;
                images.add(new Image(Long.parseLong(value(line, "cycles")), value(line, "checksum"), value(line, "argmax"), o));
            }
        }
        if (images.isEmpty()) {
            throw new EdgenasException(ExitCode.FAILURE, "GAP8 run printed no result:\n" + Tools.tail(out, 8));
        }
        return new HostRun(List.copyOf(images), List.copyOf(layers), command);
    }

    private static String value(String line, String key) {
        for (String kv : line.trim().split(" ")) {
            if (kv.startsWith(key + "=")) {
                return kv.substring(key.length() + 1);
            }
        }
        return null;
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
