package dev.edgenas.gap8.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The HWC pooling, global pooling, resize (whole and in row tiles), concat and per-channel Mul kernels of en_hwc_ops.c, which the
 * tiled deploy runs, give the same bytes as the CHW kernels (themselves checked against ONNX Runtime), with the
 * work split over 3 simulated cores (hwc_ops_check.c, built with the kernel tests' gcc flags and sanitizers).
 */
class HwcOpsKernelTest {
    @Test
    void hwcOpsAreBitExactToTheChwKernels() throws Exception {
        Path dir = KernelSources.workDir();
        Path src = dir.resolve("hwc_ops_check.c");
        try (InputStream in = HwcOpsKernelTest.class.getResourceAsStream("hwc_ops_check.c")) {
            Files.write(src, in.readAllBytes());
        }
        Path exe = dir.resolve("hwc_ops_check");
        KernelSources.linkHost(src, exe, dir);
        String out = Toolchain.run(List.of(exe.toString()), dir, 60).trim();
        assertEquals("ok 14", out);
    }
}
