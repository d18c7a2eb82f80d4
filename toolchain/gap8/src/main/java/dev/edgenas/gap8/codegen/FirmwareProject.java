package dev.edgenas.gap8.codegen;

import dev.edgenas.core.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a complete firmware project for one batch: the GAP SDK Makefile, firmware sources,
 * kernels, the host layer (for host-sim and the rv32 compile check) and the generated batch.c.
 */
public final class FirmwareProject {
    private FirmwareProject() {
    }

    /** Firmware sources of a project, in build order, project-relative (no host layer). */
    public static List<String> firmwareSources(FirmwareSources src) {
        List<String> out = new ArrayList<>(List.of("en_main.c", "en_proto.c", "batch.c"));
        src.files().keySet().stream().filter(p -> p.startsWith("kernels/") && p.endsWith(".c")).forEach(out::add);
        return out;
    }

    /**
     * @param boardConfig the SDK board script named in the Makefile's comment, e.g. gapuino_v3.sh
     */
    public static void write(Path dir, BatchSpec batch, FirmwareSources src, String boardConfig) {
        for (Map.Entry<String, byte[]> e : src.files().entrySet()) {
            if (e.getKey().equals("Makefile.in")) {
                AtomicFiles.writeString(dir.resolve("Makefile"),
                        src.text("Makefile.in").replace("@BOARD_CONFIG@", boardConfig));
            } else {
                AtomicFiles.write(dir.resolve(e.getKey()), e.getValue());
            }
        }
        AtomicFiles.writeString(dir.resolve("batch.c"), BatchSource.generate(batch));
    }
}
