package dev.edgenas.profile;

import dev.edgenas.runtime.OrtModelTimer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.Kernel;
import dev.edgenas.ir.KernelDetector;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.ir.OnnxChecker;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.runtime.OrtSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KernelModelFactoryTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        "conv;in=1x3x32x32;out=1x16x16x16;d=1x1;g=1;k=3x3;p=1,1,1,1;s=2x2;act=relu6;prec=fp32",
        "dwconv;in=1x16x16x16;out=1x16x16x16;d=2x2;g=16;k=3x3;p=2,2,2,2;s=1x1;act=relu;prec=fp32",
        "conv;in=1x16x8x8;out=1x8x8x8;d=1x1;g=1;k=1x1;p=0,0,0,0;s=1x1;act=none;prec=fp32",
        "add;in=1x8x8x8,1x8x8x8;out=1x8x8x8;act=relu;prec=fp32",
        "concat;in=1x8x8x8,1x16x8x8;out=1x24x8x8;axis=1;act=none;prec=fp32",
        "resize;in=1x16x4x4;out=1x16x16x16;ctm=half_pixel;mode=linear;act=none;prec=fp32",
        "maxpool;in=1x8x8x8;out=1x8x4x4;k=3x3;p=1,1,1,1;s=2x2;act=none;prec=fp32",
        "avgpool;in=1x8x8x8;out=1x8x4x4;k=2x2;p=0,0,0,0;s=2x2;act=none;prec=fp32",
        "gap;in=1x16x8x8;out=1x16x1x1;act=none;prec=fp32",
        "act;in=1x8x8x8;out=1x8x8x8;act=hardswish;prec=fp32",
        "conv;in=1x16x8x8;out=1x32x8x8;d=1x1;g=1;k=3x3;p=1,1,1,1;s=1x1;act=relu;prec=int8",
        "add;in=1x8x8x8,1x8x8x8;out=1x8x8x8;act=none;prec=int8"})
    void buildsAValidModelWhoseKernelHasTheKeyAndRunsInOnnxRuntime(String text) {
        KernelKey key = KernelKey.parse(text);
        ModelProto m = new KernelModelFactory().build(key);
        Path f = dir.resolve("k.onnx");
        OnnxModels.write(m, f);
        OnnxChecker.check(f);
        List<Kernel> found = KernelDetector.detect(Graph.of(m), 1);
        List<Kernel> kernel = found.stream().filter(k -> !k.name().startsWith(KernelModelFactory.CONTEXT_PREFIX)).toList();
        assertEquals(1, kernel.size(), found.toString());
        assertEquals(key.canonical(), kernel.get(0).key().canonical());
        for (Kernel ctx : found) {
            assertTrue(ctx == kernel.get(0) || ctx.key().op().equals("maxpool"), ctx.toString());
        }
        try (OrtModelTimer t = new OrtModelTimer(text, m, new OrtSettings(1, "ALL_OPT"))) {
            assertEquals(3, t.time(1, 3).length);
        }
    }

    @Test
    void theEmptyGraphIsAnIdentity() {
        ModelProto m = new KernelModelFactory().build(Kernels.EMPTY);
        assertEquals(1, m.getGraph().getNodeCount());
        assertEquals("Identity", m.getGraph().getNode(0).getOpType());
    }
}
