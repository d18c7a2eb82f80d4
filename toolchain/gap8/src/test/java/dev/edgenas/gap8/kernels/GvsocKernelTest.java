package dev.edgenas.gap8.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The HWC kernels' Xpulp path (inline assembly, run on GVSOC) bit-exact to their portable C path
 * and to the CHW kernels: runs scripts/bench-gap8-kernels.sh --test (small shapes with every tail and the channel split of tiny maps:
 * odd pixel counts, out_c % 4, k % 4 != 0, stride 2, dilation) on GVSOC. GVSOC is found at
 * $EDGENAS_GVSOC_HOME (default ~/.cache/gvsoc, the prefix of the GVSOC setup script); without it
 * the test is reported as skipped with that reason.
 */
class GvsocKernelTest {

    static Path gvsocPrefix() {
        String env = System.getenv("EDGENAS_GVSOC_HOME");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "gvsoc");
    }

    @Test
    void xpulpPathIsBitExactOnGvsoc() throws IOException, InterruptedException {
        Path prefix = gvsocPrefix();
        assumeTrue(Files.isRegularFile(prefix.resolve("env.sh")),
                "GVSOC is not set up at " + prefix + " (set EDGENAS_GVSOC_HOME to the GVSOC setup prefix)");
        Path script = KernelSources.kernelDir().resolve("../../../scripts/bench-gap8-kernels.sh").normalize();
        Path log = KernelSources.workDir().resolve("gvsoc-bench.log");
        Process p = new ProcessBuilder("bash", script.toString(), "--test").redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "GVSOC benchmark timed out; log " + log);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        lines.forEach(l -> System.out.println("[gvsoc] " + l));
        assertEquals(0, p.exitValue(), "bench-gap8-kernels.sh --test failed: " + String.join("\n", lines));
        List<String> rows = lines.stream().filter(l -> l.endsWith("MATCH")).toList();
        assertEquals(12, rows.size(), "one MATCH row per test shape");
        // the Xpulp path must really be in use: faster than the portable path where SIMD applies
        String conv = rows.stream().filter(l -> l.startsWith("conv3x3 8->12")).findFirst().orElseThrow();
        String[] cols = conv.split("\\|"); // name MACs | old1 old8 | C1 C8 | xp1 xp8 | ratios
        double c8 = Double.parseDouble(cols[2].trim().split("\\s+")[1]);
        double xp8 = Double.parseDouble(cols[3].trim().split("\\s+")[1]);
        assertTrue(xp8 > 2 * c8, "Xpulp 8-core MAC/cycle " + xp8 + " not above twice the C path's " + c8);
    }
}
