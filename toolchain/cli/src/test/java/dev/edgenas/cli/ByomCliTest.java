package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.Json;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bring your own model: raw PyTorch exports (DeepLabV3+ on MobileNetV2 at opset 13 and 17,
 * torchvision's deeplabv3_mobilenet_v3_large), built at test time, go through model import, eval,
 * train, search and deploy unedited, and every ONNX file written passes onnx.checker's full check.
 */
class ByomCliTest {
    @TempDir
    static Path tmp;
    static ByomExports f;

    @BeforeAll
    static void exports() throws Exception {
        f = new ByomExports(tmp);
    }

    private static CliRunner.Result ok(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
        return r;
    }

    /** The one line that says a raw export was normalised in memory. */
    private static void saysNormalised(CliRunner.Result r, String command, Path model) {
        List<String> lines = r.err().lines().filter(l -> l.contains("is a raw export")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("edgenas: note: " + command + ": " + model + " is a raw export"), lines.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {ByomExports.MNV2_OP13, ByomExports.MNV3})
    void importStatesItsChangesAndKeepsTheOutputsAtAnyBatch(String name) throws Exception {
        Path raw = f.model(name);
        Path out = tmp.resolve("imported-" + name);
        JsonNode j = Json.readTreeString(ok("model", "import", "--model", raw.toString(), "--out", out.toString(),
                "--classes", "background,skin,hair,eyes,mouth,clothes,accessories", "--json").out());
        JsonNode c = j.get("changes");
        assertTrue(c.get("shape chains folded to Resize scales").asInt() >= 2, j.toString());
        assertTrue(c.get("Constant nodes made initializers").asInt() > 0, j.toString());
        assertEquals(1, c.get("batch").asInt(), j.toString());
        assertEquals(name.equals(ByomExports.MNV3), c.has("Identity/Dropout nodes dropped"), j.toString());
        assertEquals("clothes", j.get("metadata").get("classes").get(5).asText());
        assertEquals(List.of("mean/std (ImageNet)"), Json.MAPPER.convertValue(j.get("defaulted"), List.class));
        ByomExports.checkAll(List.of(out));

        // same logits as the export at its batch of 1, and a batch of 2 now runs
        float[] a = image(1);
        float[] b = image(2);
        float[] expectA = run(raw, a, 1);
        float[] expectB = run(raw, b, 1);
        float[] both = new float[2 * a.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        float[] got = run(out, both, 2);
        assertEquals(2 * expectA.length, got.length);
        for (int i = 0; i < expectA.length; i++) {
            assertEquals(expectA[i], got[i], 1e-4, "image 0, value " + i);
            assertEquals(expectB[i], got[expectA.length + i], 1e-4, "image 1, value " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {ByomExports.MNV2_OP13, ByomExports.MNV2_OP17})
    void mobileNetV2ExportRunsEveryCommandUnedited(String name) throws Exception {
        Path m = f.model(name);
        String data = f.data.toString();
        Path work = Files.createDirectories(tmp.resolve("run-" + name.replace(".onnx", "")));
        CliRunner.Result eval = ok("eval", "--model", m.toString(), "--data", data, "--no-progress");
        saysNormalised(eval, "eval", m);
        assertTrue(eval.out().contains("clothes"), "class names taken from the dataset: " + eval.out());
        Path trained = work.resolve("trained.onnx");
        saysNormalised(ok("train", "--model", m.toString(), "--data", data, "--epochs", "1", "--warmup-epochs", "0",
                "--out", trained.toString(), "--checkpoint-dir", work.resolve("ck").toString(), "--no-progress"),
                "train", m);
        CliRunner.Result s = ok("search", "--model", m.toString(), "--data", data, "--latency-table",
                BatteryFixtures.repoRoot().resolve("latency-tables/cpu-x86.json").toString(), "--population", "4",
                "--generations", "2", "--val-subset", "4", "--finetune-networks", "1", "--finetune-epochs", "1",
                "--no-random-baseline", "--calib-images", "4", "--focus-networks", "0", "--out",
                work.resolve("search").toString(), "--no-progress");
        saysNormalised(s, "search", m);
        for (String target : List.of("cpu", "android", "gap8")) {
            Path out = work.resolve("deploy-" + target);
            JsonNode r = Json.readTreeString(ok("deploy", "--model", m.toString(), "--data", data, "--target", target,
                    "--out", out.toString(), "--runs", "4", "--warmup", "1", "--calib-images", "4", "--json").out());
            assertTrue(r.get("int8Miou").isNumber() && r.get("latency").get("ratio").asDouble() > 0, r.toString());
            assertFalse(r.has("floatIslands"), "MobileNetV2 has no float island: " + r);
        }
        List<Path> written = ByomExports.onnxFiles(work);
        assertTrue(written.size() >= 7, written.toString()); // trained, >= 2 pareto, 3 int8, android fp32
        ByomExports.checkAll(written);
    }

    @Test
    void mobileNetV3ExportEvalTrainSearchDeploy() throws Exception {
        Path m = f.model(ByomExports.MNV3);
        String data = f.data.toString();
        Path work = Files.createDirectories(tmp.resolve("run-mnv3"));
        saysNormalised(ok("eval", "--model", m.toString(), "--data", data, "--no-progress"), "eval", m);
        Path trained = work.resolve("trained.onnx");
        ok("train", "--model", m.toString(), "--data", data, "--epochs", "1", "--warmup-epochs", "0", "--train-limit",
                "4", "--batch", "4", "--out", trained.toString(), "--checkpoint-dir", work.resolve("ck").toString(), "--no-progress");
        List<Path> written = new ArrayList<>(List.of(trained));
        // search: MobileNetV3 blocks (squeeze-excitation, HardSwish, 5x5 depthwise) and the DeepLabV3 head
        Path search = work.resolve("search");
        saysNormalised(ok("search", "--model", m.toString(), "--data", data, "--latency-table",
                BatteryFixtures.repoRoot().resolve("latency-tables/cpu-x86.json").toString(), "--population", "4",
                "--generations", "2", "--val-subset", "4", "--finetune-networks", "1", "--finetune-epochs", "1",
                "--no-random-baseline", "--calib-images", "4", "--focus-networks", "0", "--out", search.toString(),
                "--no-progress"), "search", m);
        String report = Files.readString(search.resolve("report.md"));
        assertTrue(report.contains("- model: `" + m.toAbsolutePath() + "` (sha256 " + dev.edgenas.core.Checksums.sha256(m)
                + "), a raw export normalised in memory"), "the report names the user's file: " + report);
        assertTrue(report.contains("search space: 27 choices"), "stages, blocks, ASPP and the DeepLabV3 head: " + report);
        JsonNode paretoIn = modelInput(Json.readTree(search.resolve("pareto.json")).get("provenance"));
        assertEquals(m.toAbsolutePath().normalize().toString(), paretoIn.get("path").asText(), paretoIn.toString());
        assertEquals(dev.edgenas.core.Checksums.sha256(m), paretoIn.get("sha256").asText(), paretoIn.toString());
        assertTrue(paretoIn.get("normalised").asText().contains("raw export normalised"), paretoIn.toString());
        List<Path> pareto = ByomExports.onnxFiles(search.resolve("pareto"));
        assertTrue(pareto.size() >= 2, pareto.toString());
        written.addAll(pareto);
        for (String target : List.of("cpu", "android", "gap8")) {
            Path out = work.resolve("deploy-" + target);
            JsonNode r = Json.readTreeString(ok("deploy", "--model", m.toString(), "--data", data, "--target", target,
                    "--out", out.toString(), "--runs", "4", "--warmup", "1", "--calib-images", "4", "--json").out());
            JsonNode islands = r.get("floatIslands");
            assertEquals(28, islands.get("islandOps").get("HardSigmoid").asInt(), r.toString());
            assertTrue(islands.get("kernelMs").asDouble() > 0 && islands.get("share").asDouble() > 0, r.toString());
            assertTrue(r.get("int8Miou").isNumber() && r.get("latency").get("ratio").asDouble() > 0, r.toString());
            written.add(out.resolve("model-int8.onnx"));
            // provenance records the user's file and that it was normalised, not the temporary copy
            JsonNode in = modelInput(Json.readTree(out.resolve("manifest.json")).get("provenance"));
            assertEquals(dev.edgenas.core.Checksums.sha256(m), in.get("sha256").asText(), in.toString());
            assertEquals(m.toAbsolutePath().normalize().toString(), in.get("path").asText(), in.toString());
            assertTrue(in.get("normalised").asText().contains("raw export normalised"), in.toString());
            if (target.equals("gap8")) {
                // HardSigmoid/HardSwish tables, squeeze-excitation Mul, 5x5 depthwise, the ASPP's dilated convs reduced
                // to their centre tap: the host build of the C project against ONNX Runtime's int8 run
                JsonNode g = r.get("gap8");
                assertTrue(g.get("hostWithinOne").asDouble() == 1.0 && g.get("hostArgmaxAgreement").asDouble() >= 0.99,
                        g.toString());
                assertTrue(g.get("memory").get("hierarchy").get("fitsL3").asBoolean(), g.toString());
            }
        }
        ByomExports.checkAll(written);
    }

    @Test
    void anOnnxRuntimeFailureIsOneLineNamingTheFile() throws Exception {
        Path imported = tmp.resolve("for-bad-size.onnx");
        ok("model", "import", "--model", f.model(ByomExports.MNV2_OP17).toString(), "--out", imported.toString());
        var m = dev.edgenas.ir.OnnxModels.read(imported);
        var meta = dev.edgenas.ir.ModelMetadata.of(m, imported);
        var wrong = new dev.edgenas.ir.ModelMetadata(meta.inputName(), meta.outputName(), 32, 32, meta.mean(),
                meta.std(), meta.classes(), meta.ignoreLabel()); // the graph's input is 64x64
        Path bad = tmp.resolve("bad-size.onnx");
        dev.edgenas.ir.OnnxModels.write(dev.edgenas.ir.ModelMetadata.withProperty(m, dev.edgenas.ir.ModelMetadata.KEY,
                wrong.toJson()), bad);
        CliRunner.Result r = CliRunner.run("eval", "--model", bad.toString(), "--data", f.data.toString(), "--no-progress");
        assertTrue(r.code() != 0);
        List<String> lines = r.err().strip().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("edgenas: " + bad + ": ") && lines.get(0).contains("Expected: 64"), r.err());
    }

    private static float[] image(int seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[3 * 64 * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-2, 2);
        }
        return x;
    }

    private static float[] run(Path model, float[] x, int n) throws Exception {
        OrtEnvironment env = dev.edgenas.runtime.OrtEnv.get();
        try (OrtSession s = env.createSession(model.toString(), new OrtSession.SessionOptions());
             OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {n, 3, 64, 64});
             OrtSession.Result r = s.run(Map.of(s.getInputNames().iterator().next(), t))) {
            return ((OnnxTensor) r.get(0)).getFloatBuffer().array();
        }
    }

    /** The nested provenance record's input with role "model". */
    private static JsonNode modelInput(JsonNode provenance) {
        for (JsonNode in : provenance.get("inputs")) {
            if ("model".equals(in.path("role").asText())) {
                return in;
            }
        }
        throw new AssertionError("no model input in " + provenance);
    }
}
