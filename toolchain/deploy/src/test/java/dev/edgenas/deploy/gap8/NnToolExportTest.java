package dev.edgenas.deploy.gap8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxChecker;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.models.DeepLabConfigs;
import dev.edgenas.models.DeepLabV3PlusBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NNTool route's files: complete, in the SDK examples' form, and a fold that keeps the numbers. */
class NnToolExportTest {
    @TempDir
    Path dir;

    static List<float[]> images(int n, int size, long seed) {
        Random r = new Random(seed);
        List<float[]> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] x = new float[3 * size * size];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) (r.nextGaussian() * 0.8);
            }
            l.add(x);
        }
        return l;
    }

    static Path tinyModel(Path dir) {
        Path m = dir.resolve("tiny.onnx");
        OnnxModels.write(DeepLabV3PlusBuilder.build(DeepLabConfigs.tiny(), 5), m);
        return m;
    }

    @Test
    void writesACompleteProjectInTheSdkExamplesForm() throws Exception {
        Path model = tinyModel(dir);
        ModelMetadata meta = ModelMetadata.of(OnnxModels.read(model), model);
        Path out = dir.resolve("nntool");
        assertNull(NnToolExport.write(out, model, images(3, meta.height(), 1), meta));
        for (String f : List.of("Makefile", "nntool.script", "main.c", "model.onnx", "samples/input.ppm",
                "calib/calib_000.ppm", "calib/calib_002.ppm")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        String mk = Files.readString(out.resolve("Makefile"));
        // the variables the SDK's model_decl.mk / model_rules.mk / pmsis_rules.mk read, not invented ones
        assertFalse(mk.contains("MEMSIZE"), mk);
        for (String s : List.of("TARGET_L2_SIZE", "READFS_FILES = $(abspath $(MODEL_TENSORS))", "all:: model",
                "include $(NNTOOL_COMMON)/model_decl.mk", "include $(NNTOOL_COMMON)/model_rules.mk",
                "AT_INPUT_WIDTH = " + meta.width(), "-DEN_CLASSES=" + meta.numClasses())) {
            assertTrue(mk.contains(s), s);
        }
        String script = Files.readString(out.resolve("nntool.script"));
        // normalisation before calibration, calibration before the input format, state saved last
        int norm = script.indexOf("set input_norm_func \"x: x-128\"");
        int aquant = script.indexOf("aquant calib/*.ppm -s SQ8 -T");
        int format = script.indexOf("imageformat input_1 rgb888 offset_int8");
        assertTrue(norm > 0 && aquant > norm && format > aquant, script);
        assertTrue(script.strip().endsWith("save_state"), script);
        String main = Files.readString(out.resolve("main.c"));
        assertTrue(main.contains("edgenasCNN_Construct()") && main.contains("edgenasCNN(image_in, logits_out)"), main);
        byte[] ppm = Files.readAllBytes(out.resolve("calib/calib_000.ppm"));
        String header = "P6\n" + meta.width() + " " + meta.height() + "\n255\n";
        assertTrue(new String(ppm, 0, header.length(), StandardCharsets.US_ASCII).equals(header));
        assertEquals(header.length() + 3 * meta.width() * meta.height(), ppm.length);
        ModelProto m = OnnxModels.read(out.resolve("model.onnx"));
        var dims = m.getGraph().getInput(0).getType().getTensorType().getShape().getDimList();
        assertEquals(List.of(1L, 3L, (long) meta.height(), (long) meta.width()),
                dims.stream().map(d -> d.getDimValue()).toList(), "NNTool needs a static 1x3xHxW input");
        OnnxChecker.check(out.resolve("model.onnx"));
    }

    @Test
    void l2ForTheAutoTilerLeavesRoomForCodeAndBuffers() {
        assertEquals(512 * 1024 - NnToolExport.L2_RESERVE - 49_152 - 114_688, NnToolExport.autoTilerL2(49_152, 114_688));
        assertEquals(100_000, NnToolExport.autoTilerL2(200_000, 300_000));
        assertEquals(400_000, NnToolExport.autoTilerL2(0, 0));
    }

    @Test
    void aModelWhoseInputIsNotAConvGetsAReasonInsteadOfAProject() throws Exception {
        Path model = tinyModel(dir);
        Graph g = Graph.read(model);
        ModelMetadata meta = ModelMetadata.of(g.model(), model);
        // put an Identity between the input and the first conv
        var gb = g.model().getGraph().toBuilder();
        String in = meta.inputName();
        for (int i = 0; i < gb.getNodeCount(); i++) {
            var n = gb.getNode(i);
            for (int k = 0; k < n.getInputCount(); k++) {
                if (n.getInput(k).equals(in)) {
                    gb.setNode(i, n.toBuilder().setInput(k, in + ".copy"));
                }
            }
        }
        gb.addNode(ai.onnx.proto.OnnxMl.NodeProto.newBuilder().setOpType("Identity").setName("copy")
                .addInput(in).addOutput(in + ".copy"));
        Path odd = dir.resolve("odd.onnx");
        OnnxModels.write(g.model().toBuilder().setGraph(gb).build(), odd);
        Path out = dir.resolve("nntool-odd");
        String why = NnToolExport.write(out, odd, images(1, meta.height(), 2), meta);
        assertTrue(why != null && why.contains("mean/std"), why);
        assertTrue(Files.readString(out.resolve("README.md")).contains("not generated"));
        assertFalse(Files.exists(out.resolve("nntool.script")));
    }
}
