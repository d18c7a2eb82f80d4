package dev.edgenas.gap8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.gap8.codegen.BatchSpec;
import dev.edgenas.gap8.codegen.FirmwareProject;
import dev.edgenas.gap8.codegen.FirmwareSources;
import dev.edgenas.gap8.codegen.KernelPlan;
import dev.edgenas.gap8.codegen.KernelPlanner;
import dev.edgenas.gap8.device.RunningProcess;
import dev.edgenas.ir.KernelKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every source of a generated firmware (main, protocol, batch table, en_* kernels) must compile
 * for the GAP8 cores' base ISA, rv32imc / ilp32 with picolibc, against the PMSIS declarations of
 * the host layer: a template change that would not build for the chip fails here.
 */
class RiscvCompileTest {
    @TempDir
    Path work;

    @Test
    void generatedFirmwareCompilesForRv32imc() throws Exception {
        ToolCheck.require("riscv64-unknown-elf-gcc", "gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf");
        List<KernelPlan> plans = new ArrayList<>();
        for (KernelKey k : TestKernels.mixed()) {
            plans.add(KernelPlanner.plan(k));
        }
        plans.add(KernelPlanner.plan(TestKernels.BIG_L2));
        FirmwareSources src = FirmwareSources.bundled();
        BatchSpec spec = new BatchSpec(BatchSpec.idOf(plans, 10, 2, 250_000_000L, 175_000_000L, 8), plans, 10, 2,
                250_000_000L, 175_000_000L, 8, 115200, src.hash(), 48 * 1024);
        Path project = work.resolve("project");
        FirmwareProject.write(project, spec, src, "gapuino_v3.sh");
        List<String> sources = FirmwareProject.firmwareSources(src);
        assertTrue(sources.size() >= 6, sources.toString());
        for (String s : sources) {
            Path obj = work.resolve(s.replace('/', '_') + ".o");
            List<String> cmd = List.of("riscv64-unknown-elf-gcc", "--specs=picolibc.specs", "-march=rv32imc",
                    "-mabi=ilp32", "-O2", "-Wall", "-Werror=implicit-function-declaration",
                    "-Werror=incompatible-pointer-types", "-Werror=int-conversion", "-I" + project,
                    "-I" + project.resolve("kernels"), "-I" + project.resolve("host"), "-c", project.resolve(s).toString(),
                    "-o", obj.toString());
            Path log = work.resolve(s.replace('/', '_') + ".log");
            int rc = RunningProcess.run(cmd, project, Map.of(), log, 120_000);
            assertEquals(0, rc, "rv32imc compile of " + s + " failed:\n" + Files.readString(log));
            assertTrue(Files.size(obj) > 0);
        }
    }
}
