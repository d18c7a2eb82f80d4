package dev.edgenas.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.ir.Tensors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the built graphs against an independent PyTorch implementation (Debian python3-torch and
 * python3-torchvision) that reads only the documented names and the architecture metadata.
 */
class PyTorchReferenceTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path tmp;

    @Test
    void backboneConvShapesMatchTorchvisionMobileNetV2() throws Exception {
        double[] widths = {0.25, 0.5, 1.0};
        StringBuilder ours = new StringBuilder();
        List<String> args = new ArrayList<>(List.of("torchvision"));
        for (double width : widths) {
            DeepLabConfig cfg = DeepLabConfigs.defaultConfig();
            cfg = cfg.withBackbone(new BackboneConfig(width, 16, 32, cfg.backbone().stages()));
            ModelProto m = DeepLabV3PlusBuilder.build(cfg, 1);
            ours.append("width ").append(width).append('\n');
            for (TensorProto t : m.getGraph().getInitializerList()) {
                if (t.getName().startsWith("backbone.") && t.getName().endsWith(".conv.weight")) {
                    ours.append(KernelKey.dims(Tensors.dims(t))).append('\n');
                }
            }
            args.add(Double.toString(width));
        }
        String theirs = new String(python(args), StandardCharsets.UTF_8);
        assertEquals(ours.toString().strip(), theirs.strip());
    }

    @Test
    void logitsMatchThePyTorchReference() throws Exception {
        DeepLabConfig tiny = DeepLabConfigs.tiny();
        List<StageConfig> stages = new ArrayList<>(tiny.backbone().stages());
        stages.set(1, stages.get(1).withExpandedChannels(List.of(24, 20)));
        stages.set(5, stages.get(5).withRepeats(2));
        List<DeepLabConfig> configs = List.of(tiny,
                tiny.withInput(32, 48).withBackbone(tiny.backbone().withStages(stages).withOutputStride(8))
                        .withAspp(new AsppConfig(24, List.of(1, 2, 3), List.of(false, true, true), false, true, false))
                        .withDecoder(new DecoderConfig(8, 16, 1)),
                tiny.withAspp(tiny.aspp().withBranches(true, List.of(false, false, false), false))
                        .withDecoder(new DecoderConfig(8, 16, 0)));
        List<String> args = new ArrayList<>(List.of("forward"));
        List<float[]> ours = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            DeepLabConfig cfg = configs.get(i);
            ModelProto m = randomiseBatchNorm(DeepLabV3PlusBuilder.build(cfg, 9), 17 + i);
            Path file = tmp.resolve("m" + i + ".onnx");
            OnnxModels.write(m, file);
            int h = cfg.inputHeight();
            int w = cfg.inputWidth();
            float[] x = ModelRuns.input(2, h, w, 3);
            Path in = tmp.resolve("in" + i + ".bin");
            ByteBuffer bb = ByteBuffer.allocate(x.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            bb.asFloatBuffer().put(x);
            Files.write(in, bb.array());
            ours.add(ModelRuns.run(m, x, 2, 3, h, w).values());
            args.addAll(List.of(file.toString(), in.toString(), tmp.resolve("out" + i + ".bin").toString(), "2",
                    Integer.toString(h), Integer.toString(w)));
        }
        python(args);
        for (int i = 0; i < configs.size(); i++) {
            byte[] raw = Files.readAllBytes(tmp.resolve("out" + i + ".bin"));
            float[] ref = new float[raw.length / 4];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(ref);
            assertEquals(ours.get(i).length, ref.length, "config " + i);
            double maxRef = 0;
            double maxDiff = 0;
            for (int k = 0; k < ref.length; k++) {
                maxRef = Math.max(maxRef, Math.abs(ref[k]));
                maxDiff = Math.max(maxDiff, Math.abs(ref[k] - ours.get(i)[k]));
            }
            assertTrue(maxRef > 1e-3, "reference output is degenerate");
            assertTrue(maxDiff <= 1e-4 * Math.max(1, maxRef), "config " + i + ": max |ORT - torch| = " + maxDiff
                    + " (max |logit| " + maxRef + ")");
        }
    }

    /** Non-trivial BN statistics and biases, so that a swapped or misplaced parameter shows up. */
    private static ModelProto randomiseBatchNorm(ModelProto m, long seed) {
        Random r = new Random(seed);
        GraphProto.Builder g = m.getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto t = g.getInitializer(i);
            String n = t.getName();
            boolean positive = n.endsWith(".bn.scale") || n.endsWith(".bn.var");
            if (positive || n.endsWith(".bn.bias") || n.endsWith(".bn.mean") || n.endsWith(".bias")) {
                float[] v = Tensors.toFloats(t);
                for (int k = 0; k < v.length; k++) {
                    v[k] = positive ? 0.5f + r.nextFloat() : (float) (0.2 * r.nextGaussian());
                }
                g.setInitializer(i, Tensors.floats(n, Tensors.dims(t), v));
            }
        }
        return m.toBuilder().setGraph(g).build();
    }

    /** Runs the reference script (one process: importing torch costs seconds); returns its stdout. */
    private byte[] python(List<String> args) throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            throw new AssertionError(PYTHON + " missing: apt-get install python3-torch python3-torchvision python3-onnx");
        }
        // the one PyTorch rebuild of edgenas models, shared with scripts/bench_eval_torch.py
        Path script = Path.of("../../scripts/deeplab_torch.py").toAbsolutePath().normalize();
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString()));
        cmd.addAll(args);
        Path err = tmp.resolve("python.err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("PyTorch reference timed out");
        }
        String stderr = Files.readString(err);
        if (p.exitValue() != 0) {
            if (stderr.contains("No module named")) {
                throw new AssertionError("PyTorch reference needs Debian packages: apt-get install python3-torch "
                        + "python3-torchvision python3-onnx\n" + stderr);
            }
            throw new AssertionError("PyTorch reference failed:\n" + stderr);
        }
        return out;
    }
}
