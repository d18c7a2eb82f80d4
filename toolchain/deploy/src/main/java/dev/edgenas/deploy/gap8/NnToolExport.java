package dev.edgenas.deploy.gap8;

import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.edgenas.core.AtomicFiles;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.ModelMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The project for GreenWaves' own flow (NNTool + AutoTiler), laid out like the GAP SDK's NNTool examples:
 * model.onnx (fp32, normalisation folded so it takes rgb888 pixels - 128), calib/*.ppm, nntool.script,
 * a Makefile that includes the SDK's common/model_decl.mk and model_rules.mk and puts the constants in
 * flash through ReadFS, a main.c and samples/input.ppm. NNTool and the AutoTiler library are not part of
 * edgenas' toolchain, so the flow itself is not run here (docs/DEPLOY.md says what is checked).
 */
public final class NnToolExport {
    /** Calibration images NNTool's aquant gets (it collects min/max ranges; more adds time, not much range). */
    static final int CALIBRATION_IMAGES = 32;
    /** L2 that code, data, stacks and the PMSIS runtime take outside the AutoTiler's arena (bytes, estimate). */
    static final int L2_RESERVE = 120_000;
    private static final int L2_BYTES = 512 * 1024;
    private static final String TEMPLATES = "nntool/";

    private NnToolExport() {
    }

    /**
     * Writes the project into dir; returns null, or the reason nothing was written when the model's input
     * normalisation cannot be folded (then nntool/README.md says so).
     */
    public static String write(Path dir, Path fp32Model, List<float[]> calib, ModelMetadata meta) {
        Graph g = Graph.read(fp32Model);
        if (!NnToolModel.foldable(g, meta)) {
            String why = "the model's input does not feed exactly one convolution with constant weights, so its "
                    + "per-channel mean/std cannot be folded into it for NNTool's rgb888 input";
            AtomicFiles.writeString(dir.resolve("README.md"), "# NNTool route: not generated\n\n" + why + ".\n");
            return why;
        }
        Graph fixed = NnToolModel.fixedInput(g, meta);
        AtomicFiles.write(dir.resolve("model.onnx"), NnToolModel.foldNormalisation(fixed, meta).toByteArray());
        int n = Math.min(calib.size(), CALIBRATION_IMAGES);
        for (int i = 0; i < n; i++) {
            AtomicFiles.write(dir.resolve(String.format("calib/calib_%03d.ppm", i)), NnToolModel.ppm(calib.get(i), meta));
        }
        if (n > 0) {
            AtomicFiles.write(dir.resolve("samples/input.ppm"), NnToolModel.ppm(calib.get(0), meta));
        }
        int[] out = outputHw(g, meta);
        long outBytes = (long) meta.numClasses() * out[0] * out[1];
        long inBytes = 3L * meta.height() * meta.width();
        Map<String, String> v = Map.of(
                "@TITLE@", String.valueOf(fp32Model.getFileName()),
                "@WIDTH@", String.valueOf(meta.width()),
                "@HEIGHT@", String.valueOf(meta.height()),
                "@CLASSES@", String.valueOf(meta.numClasses()),
                "@OUT_H@", String.valueOf(out[0]),
                "@OUT_W@", String.valueOf(out[1]),
                "@L2_SIZE@", String.valueOf(autoTilerL2(inBytes, outBytes)));
        for (String f : List.of("Makefile", "nntool.script", "main.c")) {
            AtomicFiles.writeString(dir.resolve(f), fill(template(f + ".in"), v));
        }
        return null;
    }

    /**
     * TARGET_L2_SIZE, the L2 the AutoTiler may tile into: GAP8's 512 KB less code and runtime and the
     * input and output buffers main.c allocates, kept within the SDK examples' 100-400 KB range.
     */
    static long autoTilerL2(long inBytes, long outBytes) {
        long left = L2_BYTES - L2_RESERVE - inBytes - outBytes;
        return Math.max(100_000, Math.min(400_000, left));
    }

    /** The output's H and W from the graph when static, else the input's (DeepLabV3+ upsamples to it). */
    static int[] outputHw(Graph g, ModelMetadata meta) {
        for (ValueInfoProto o : g.outputs()) {
            if (o.getName().equals(meta.outputName())) {
                TensorShapeProto s = o.getType().getTensorType().getShape();
                if (s.getDimCount() == 4 && s.getDim(2).hasDimValue() && s.getDim(3).hasDimValue()) {
                    return new int[] {(int) s.getDim(2).getDimValue(), (int) s.getDim(3).getDimValue()};
                }
            }
        }
        return new int[] {meta.height(), meta.width()};
    }

    static String fill(String template, Map<String, String> values) {
        String s = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        if (s.matches("(?s).*@[A-Z_0-9]+@.*")) {
            throw new IllegalStateException("unfilled placeholder in an NNTool template");
        }
        return s;
    }

    static String template(String name) {
        try (InputStream in = NnToolExport.class.getResourceAsStream(TEMPLATES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + TEMPLATES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
