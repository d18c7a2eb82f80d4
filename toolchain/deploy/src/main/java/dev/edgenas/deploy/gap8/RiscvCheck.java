package dev.edgenas.deploy.gap8;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles every firmware source of the project for the GAP8 cores' base ISA (rv32imc, ilp32,
 * picolibc) with -Werror, and measures the code size from the objects (weights and test input
 * excluded: they are data the memory plan counts separately).
 *
 * @param objects  sources compiled
 * @param codeBytes text + data + bss of the code objects
 */
public record RiscvCheck(int objects, long codeBytes, long weightObjectBytes, String command) {
    public static final String CC = "riscv64-unknown-elf-gcc";

    public static RiscvCheck compile(Path project, List<String> sources) {
        Path out;
        try {
            out = Files.createTempDirectory("edgenas-gap8-rv32");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> base = List.of(CC, "-march=rv32imc", "-mabi=ilp32", "--specs=picolibc.specs", "-O2", "-std=gnu99",
                "-Wall", "-Wextra", "-Werror", "-Ihost", "-Ikernels", "-c");
        long code = 0;
        long data = 0;
        try {
            for (String src : sources) {
                Path obj = out.resolve(src.replace('/', '_') + ".o");
                List<String> cmd = new ArrayList<>(base);
                cmd.addAll(List.of(src, "-o", obj.toString()));
                Tools.Result r = Tools.run(cmd, project, Map.of(), 600,
                        "gcc-riscv64-unknown-elf and picolibc-riscv64-unknown-elf");
                if (r.exit() != 0) {
                    throw new EdgenasException(ExitCode.FAILURE, src + " does not compile for rv32imc:\n" + Tools.tail(r.output(), 15));
                }
                long size = size(obj, project);
                if (src.equals("weights.c") || src.equals("test_input.c")) {
                    data += size;
                } else {
                    code += size;
                }
            }
            return new RiscvCheck(sources.size(), code, data, String.join(" ", base) + " SRC");
        } finally {
            try (var s = Files.list(out)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Files.deleteIfExists(p);
                }
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // temp files
            }
        }
    }

    /** text + data + bss of one object (berkeley format of riscv64-unknown-elf-size). */
    private static long size(Path obj, Path dir) {
        Tools.Result r = Tools.run(List.of("riscv64-unknown-elf-size", obj.toString()), dir, Map.of(), 60,
                "binutils-riscv64-unknown-elf");
        String[] lines = r.output().trim().split("\n");
        if (r.exit() != 0 || lines.length < 2) {
            throw new EdgenasException(ExitCode.FAILURE, "riscv64-unknown-elf-size failed: " + r.output());
        }
        String[] f = lines[1].trim().split("\\s+");
        return Long.parseLong(f[0]) + Long.parseLong(f[1]) + Long.parseLong(f[2]);
    }
}
