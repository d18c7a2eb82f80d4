package dev.edgenas.profile.gap8;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.gap8.Gap8Capture;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.profile.Kernels;
import dev.edgenas.profile.RawOutput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The profiler's raw output: for each firmware run of a round, what the host built into it and the
 * UART bytes it sent, untouched. A run is {@code run batch=ID reps=R warmup=W firmware=HASH}, then
 * {@code kernel I KEY} for each firmware index (KEY as the table asked for it: the empty kernel,
 * which runs as a one-element add, is named as the empty kernel), then {@code uart TEXT} lines: the
 * bytes split at each line feed (ISO-8859-1, so every byte survives; a last line without its line
 * feed stays without it). Joined back they are exactly the bytes read.
 */
final class Gap8UartOutput {
    static final String HEADER = "# edgenas-gap8-uart 1";

    /** One firmware run: the capture plus the key the table asked for at each firmware index. */
    record Run(Gap8Capture capture, List<KernelKey> asked) {
        Run {
            asked = List.copyOf(asked);
            if (asked.size() != capture.kernels().size()) {
                throw new IllegalArgumentException(asked.size() + " asked keys for " + capture.kernels().size() + " kernels");
            }
        }
    }

    private Gap8UartOutput() {
    }

    static RawOutput encode(String source, List<Run> runs) {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (Run r : runs) {
            Gap8Capture c = r.capture();
            lines.add("run batch=" + c.batchId() + " reps=" + c.reps() + " warmup=" + c.warmup() + " firmware="
                    + c.firmwareHash());
            for (int i = 0; i < r.asked().size(); i++) {
                lines.add("kernel " + i + " " + r.asked().get(i).canonical());
            }
            for (String l : new String(c.uart(), StandardCharsets.ISO_8859_1).split("\n", -1)) {
                lines.add("uart " + l);
            }
        }
        return new RawOutput(source, lines);
    }

    /** Reads the runs back; anything else is a DEVICE_ERROR quoting the line. */
    static List<Run> decode(RawOutput out) {
        List<String> lines = out.lines();
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw bad(out, 0, lines.isEmpty() ? "(nothing)" : lines.get(0), "not GAP8 UART output: no '" + HEADER + "'");
        }
        List<Run> runs = new ArrayList<>();
        int i = 1;
        while (i < lines.size()) {
            String[] t = lines.get(i).split(" ");
            long batch;
            int reps;
            int warmup;
            try {
                if (t.length != 5 || !t[0].equals("run")) {
                    throw new IllegalArgumentException("expected 'run batch=ID reps=R warmup=W firmware=HASH'");
                }
                batch = Long.parseLong(value(t[1], "batch"));
                reps = Integer.parseInt(value(t[2], "reps"));
                warmup = Integer.parseInt(value(t[3], "warmup"));
            } catch (IllegalArgumentException e) {
                throw bad(out, i, lines.get(i), e.getMessage());
            }
            String firmware = value(t[4], "firmware");
            List<KernelKey> asked = new ArrayList<>();
            for (i++; i < lines.size() && lines.get(i).startsWith("kernel "); i++) {
                String[] k = lines.get(i).split(" ");
                try {
                    if (k.length != 3 || Integer.parseInt(k[1]) != asked.size()) {
                        throw new IllegalArgumentException("expected 'kernel " + asked.size() + " KEY'");
                    }
                    asked.add(KernelKey.parse(k[2]));
                } catch (IllegalArgumentException | EdgenasException e) {
                    throw bad(out, i, lines.get(i), e.getMessage());
                }
            }
            StringBuilder uart = new StringBuilder();
            for (boolean first = true; i < lines.size() && lines.get(i).startsWith("uart "); i++, first = false) {
                uart.append(first ? "" : "\n").append(lines.get(i), 5, lines.get(i).length());
            }
            byte[] bytes = uart.toString().getBytes(StandardCharsets.ISO_8859_1);
            List<KernelKey> device = asked.stream().map(Gap8UartOutput::deviceKey).toList();
            runs.add(new Run(new Gap8Capture(batch, device, reps, warmup, firmware, bytes), asked));
        }
        return runs;
    }

    /** The kernel the firmware runs for an asked key: it has no empty kernel, so that one runs as a one-element add. */
    static KernelKey deviceKey(KernelKey asked) {
        return Kernels.isEmpty(asked) ? Gap8KernelProfiler.EMPTY_PROXY : asked;
    }

    private static String value(String token, String name) {
        if (!token.startsWith(name + "=")) {
            throw new IllegalArgumentException("expected " + name + "=..., not " + token);
        }
        return token.substring(name.length() + 1);
    }

    private static EdgenasException bad(RawOutput out, int i, String line, String problem) {
        String shown = line.length() > 120 ? line.substring(0, 117) + "..." : line;
        return new EdgenasException(ExitCode.DEVICE_ERROR, out.source() + ": line " + (i + 1) + " of the device output: "
                + problem + ": " + shown);
    }
}
