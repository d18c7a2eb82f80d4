package dev.edgenas.gap8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Board and GVSOC paths without a GAP SDK: project generation, dry-run commands, clear errors. */
class SdkPathTest {
    @TempDir
    Path work;

    Gap8Options.Builder board() {
        return Gap8Options.builder().platform(Gap8Platform.BOARD).workDir(work).sdk(work.resolve("gap_sdk"))
                .port("/dev/ttyUSB1").reps(10);
    }

    @Test
    void dryRunListsTheExactBoardCommandsAndWritesTheProject() throws Exception {
        Gap8RunReport r = Gap8Profiler.run(TestKernels.mixed(), board().dryRun(true).build(), x -> {
            throw new AssertionError("dry run measured something");
        });
        Path project = r.runDir().resolve("batch-0/project");
        String sdk = work.resolve("gap_sdk").toString();
        assertEquals(List.of(
                "bash -c 'source " + sdk + "/configs/gapuino_v3.sh && make -C " + project + " clean build platform=board io=uart'",
                "bash -c 'source " + sdk + "/configs/gapuino_v3.sh && make -C " + project + " run platform=board io=uart'"),
                r.commands().stream().filter(c -> c.startsWith("bash")).toList());
        assertTrue(r.commands().stream().anyMatch(c -> c.startsWith("gcc ") && c.contains("-DEN_REFERENCE_RUN")));
        String makefile = Files.readString(project.resolve("Makefile"));
        assertTrue(makefile.contains("include $(RULES_DIR)/pmsis_rules.mk"), makefile);
        assertTrue(makefile.contains("APP_SRCS") && makefile.contains("batch.c"), makefile);
        assertTrue(makefile.contains("-DEN_XPULP"), "the GAP8 build uses the kernels' Xpulp path: " + makefile);
        String batch = Files.readString(project.resolve("batch.c"));
        assertTrue(batch.contains("conv2d_s8,") && batch.contains("en_concat_s8") && batch.contains("en_global_avgpool_s8"));
        assertTrue(Files.exists(project.resolve("kernels/en_kernels.h")));
        assertTrue(r.results().isEmpty());
    }

    @Test
    void dryRunForGvsocAndFlash() {
        Gap8RunReport g = Gap8Profiler.run(List.of(TestKernels.ADD), board().platform(Gap8Platform.GVSOC).dryRun(true)
                .build(), x -> { });
        assertTrue(g.commands().stream().anyMatch(c -> c.contains("make -C") && c.endsWith("run platform=gvsoc io=uart'")),
                g.commands().toString());
        Gap8RunReport f = Gap8Profiler.run(List.of(TestKernels.ADD), board().flash(true).board("ai-deck").dryRun(true)
                .build(), x -> { });
        assertTrue(f.commands().stream().anyMatch(c -> c.contains("configs/ai_deck.sh") && c.contains(" flash platform=board")),
                f.commands().toString());
    }

    @Test
    void gvsocSetupPrefixSourcesItsEnvBeforeTheBoardScript() throws Exception {
        Path prefix = work.resolve("gvsoc");
        Files.createDirectories(prefix.resolve("gap_sdk/configs"));
        Files.writeString(prefix.resolve("env.sh"), "# stands in for setup-gvsoc.sh's env.sh\n");
        Files.writeString(prefix.resolve("gap_sdk/configs/gapuino_v3.sh"), "# board script\n");
        for (Path given : List.of(prefix, prefix.resolve("gap_sdk"))) { // the prefix or the SDK inside it
            Gap8RunReport g = Gap8Profiler.run(List.of(TestKernels.ADD), board().platform(Gap8Platform.GVSOC).sdk(given)
                    .dryRun(true).build(), x -> { });
            String env = "source " + prefix.resolve("env.sh") + " && source " + prefix.resolve("gap_sdk/configs/gapuino_v3.sh");
            assertTrue(g.commands().stream().anyMatch(c -> c.startsWith("bash -c '" + env + " && make -C")
                    && c.endsWith(" clean all platform=gvsoc io=uart'")), g.commands().toString());
        }
    }

    @Test
    void kernelsTooLargeOrWithoutKernelAreListedNotRun() {
        var huge = dev.edgenas.ir.KernelKey.parse(
                "conv;in=1x64x128x128;out=1x64x128x128;d=1x1;g=1;k=3x3;p=1,1,1,1;s=1x1;act=relu;prec=int8");
        var mul = dev.edgenas.ir.KernelKey.parse("mul;in=1x8x8x8,1x8x8x8;out=1x8x8x8;act=none;prec=int8");
        Gap8RunReport r = Gap8Profiler.run(List.of(huge, mul, TestKernels.ADD), board().dryRun(true).build(), x -> { });
        assertTrue(r.unsupported().get(huge.canonical()).contains("L2 budget"), r.unsupported().toString());
        assertTrue(r.unsupported().get(mul.canonical()).contains("mul"), r.unsupported().toString());
        assertEquals(2, r.unsupported().size());
    }

    @Test
    void missingSdkSaysWhatToInstall() {
        EdgenasException e = assertThrows(EdgenasException.class,
                () -> Gap8Profiler.run(List.of(TestKernels.ADD), board().build(), x -> { }));
        assertEquals(ExitCode.DEVICE_UNREACHABLE, e.exitCode());
        assertTrue(e.getMessage().contains("no GAP SDK at " + work.resolve("gap_sdk")), e.getMessage());
        assertTrue(e.getMessage().contains("GAP_SDK_HOME") && e.getMessage().contains("--sdk"), e.getMessage());
    }

    @Test
    void missingPortSaysWhatToPlugIn() throws Exception {
        Path sdk = work.resolve("fake_sdk");
        Files.createDirectories(sdk.resolve("configs"));
        Files.writeString(sdk.resolve("configs/gapuino_v3.sh"), "# stands in for the SDK's board script\n");
        EdgenasException e = assertThrows(EdgenasException.class, () -> Gap8Profiler.run(List.of(TestKernels.ADD),
                board().sdk(sdk).port(work.resolve("ttyUSB9").toString()).build(), x -> { }));
        assertEquals(ExitCode.DEVICE_UNREACHABLE, e.exitCode());
        assertTrue(e.getMessage().contains("does not exist: plug in"), e.getMessage());
        EdgenasException none = assertThrows(EdgenasException.class, () -> Gap8Profiler.run(List.of(TestKernels.ADD),
                board().sdk(sdk).port(null).build(), x -> { }));
        assertTrue(none.getMessage().contains("/dev/ttyUSB1"), none.getMessage());
    }

    @Test
    void badOptionsAreUsageErrors() {
        EdgenasException e = assertThrows(EdgenasException.class,
                () -> Gap8Profiler.run(List.of(TestKernels.ADD), board().reps(0).cores(9).build(), x -> { }));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("reps") && e.getMessage().contains("cores"), e.getMessage());
    }
}
