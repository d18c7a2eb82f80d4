package dev.edgenas.gap8.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every kernel source must build for the GAP8 cores' base ISA (rv32imc, ilp32) with the same
 * strict flags, and must not pull in soft-float helpers or heap allocation.
 */
class RiscvBuildTest {
    /** libgcc soft-float entry points (__addsf3, __muldf3, __floatsisf, __fixdfsi, ...). */
    private static final Pattern SOFT_FLOAT = Pattern.compile("__\\w*(sf|df|tf)\\d?\\b");
    private static final Pattern HEAP = Pattern.compile("\\b(malloc|calloc|realloc|free|pi_l2_malloc|pi_cl_l1_malloc)\\b");

    @Test
    void kernelsBuildForRv32imcWithoutFloatOrHeap() {
        Path gcc = Toolchain.riscvGcc();
        Path nm = Toolchain.require(Toolchain.RISCV_NM, "binutils-riscv64-unknown-elf");
        Path dir = KernelSources.workDir();
        List<String> failures = new ArrayList<>();
        for (Path src : KernelSources.cSources()) {
            Path obj = dir.resolve(src.getFileName().toString().replace(".c", ".rv32.o"));
            List<String> cmd = new ArrayList<>(List.of(gcc.toString(), "--specs=picolibc.specs",
                    "-march=rv32imc", "-mabi=ilp32", "-O2", "-std=c99", "-Wall", "-Wextra", "-Werror"));
            cmd.addAll(KernelSources.includes());
            cmd.addAll(List.of("-c", src.toString(), "-o", obj.toString()));
            Toolchain.run(cmd, dir, 120);
            String undefined = Toolchain.run(List.of(nm.toString(), "-u", obj.toString()), dir, 60);
            Matcher f = SOFT_FLOAT.matcher(undefined);
            if (f.find()) {
                failures.add(src.getFileName() + " uses floating point (" + f.group() + ")");
            }
            Matcher h = HEAP.matcher(undefined);
            if (h.find()) {
                failures.add(src.getFileName() + " allocates (" + h.group() + ")");
            }
            String text = Toolchain.run(List.of(nm.toString(), "--defined-only", obj.toString()), dir, 60);
            assertTrue(text.contains(" T en_"), src.getFileName() + " defines no en_ kernel");
        }
        assertTrue(failures.isEmpty(), String.join("; ", failures));
    }
}
