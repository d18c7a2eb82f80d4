package dev.edgenas.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgenas.ir.Graph;
import dev.edgenas.ir.Kernel;
import dev.edgenas.ir.KernelDetector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Kernel detection on the built DeepLabV3+: the expected kernel list is derived here from the
 * MobileNetV2 block rules (expand unless t=1, depthwise, project, residual add when stride 1 and
 * channels equal), independently of the builder's code.
 */
class DeepLabKernelDetectionTest {
    @Test
    void tinyDeepLabHasTheExpectedKernels() {
        DeepLabConfig cfg = DeepLabConfigs.tiny();
        List<Kernel> kernels = KernelDetector.detect(Graph.of(DeepLabV3PlusBuilder.build(cfg, 1)), 1);
        List<String> expected = new ArrayList<>(List.of("conv"));
        int in = cfg.backbone().scaled(cfg.backbone().stemChannels());
        for (StageConfig st : cfg.backbone().stages()) {
            int out = cfg.backbone().scaled(st.channels());
            for (int b = 0; b < st.repeats(); b++) {
                int stride = b == 0 ? st.stride() : 1;
                if (st.expansion() != 1) {
                    expected.add("conv");
                }
                expected.add("dwconv");
                expected.add("conv");
                if (stride == 1 && in == out) {
                    expected.add("add");
                }
                in = out;
            }
        }
        // ASPP: 1x1, three atrous, image pooling (gap, 1x1, resize), concat, projection
        expected.addAll(List.of("conv", "conv", "conv", "conv", "gap", "conv", "resize", "concat", "conv"));
        // decoder: upsample ASPP, low-level projection, concat, two 3x3 convs, classifier, final upsample
        expected.addAll(List.of("resize", "conv", "concat", "conv", "conv", "conv", "resize"));
        List<String> ops = kernels.stream().map(k -> k.key().op()).toList();
        // independent branches (ASPP vs low-level projection) may come in either topological order: compare counts
        assertEquals(expected.size(), ops.size(), ops.toString());
        assertEquals(expected.stream().sorted().toList(), ops.stream().sorted().toList());

        String first = kernels.get(0).key().canonical();
        assertEquals("conv;in=1x3x64x64;out=1x8x32x32;d=1x1;g=1;k=3x3;p=1,1,1,1;s=2x2;act=relu6;prec=fp32", first);
        Kernel last = kernels.get(kernels.size() - 1);
        assertEquals("resize;in=1x7x16x16;out=1x7x64x64;ctm=half_pixel;mode=linear;act=none;prec=fp32",
                last.key().canonical());
    }
}
