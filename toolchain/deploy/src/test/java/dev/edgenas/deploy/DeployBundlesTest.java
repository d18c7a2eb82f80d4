package dev.edgenas.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.AtomicFiles;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.Checksums;
import dev.edgenas.core.Json;
import dev.edgenas.data.VocDataset;
import dev.edgenas.deploy.bundle.AndroidBundle;
import dev.edgenas.deploy.bundle.Manifest;
import dev.edgenas.ir.Attrs;
import dev.edgenas.ir.GraphBuilder;
import dev.edgenas.ir.OnnxChecker;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.runtime.EvalResult;
import dev.edgenas.runtime.Evaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end deployments of the tiny preset at 64x64 to every target, with the bundles checked. */
class DeployBundlesTest {
    @TempDir
    static Path dir;

    private static void checkCommon(DeployReport r, Path bundle, String target) {
        assertEquals(List.of(), Manifest.verify(bundle));
        Path model = bundle.resolve(Deployer.MODEL_FILE);
        OnnxChecker.check(model);
        JsonNode m = Json.readTree(bundle.resolve(Manifest.FILE));
        assertEquals(target, m.path("target").asText());
        assertEquals(7, m.path("classes").size());
        assertTrue(m.path("quantization").path("tensors").size() > 50);
        assertEquals(8, m.path("quantization").path("calibration").path("images").asInt());
        // the nested provenance: this build, the model with its checksum, the target device, the effective options
        var p = dev.edgenas.core.Provenance.read(m.path("provenance"));
        assertEquals(dev.edgenas.core.Provenance.currentTool(), p.tool());
        dev.edgenas.core.Provenance.Input in = p.inputs().get(0);
        assertEquals("model", in.role());
        assertEquals(Checksums.sha256(Path.of(in.path())), in.sha256());
        assertEquals(target, p.device());
        assertEquals(p.run().seed().toString(), p.run().options().get("seed"));
        // the manifest's checksums are real SHA-256 of the files
        assertEquals("sha256:" + Checksums.sha256(model), m.path("files").path(Deployer.MODEL_FILE).asText());
        // the int8 model runs in ONNX Runtime and gives what the report says
        EvalResult e = Evaluator.evaluate(model, VocDataset.open(TinyFixtures.dataset(dir), "val"), 0, 4,
                dev.edgenas.runtime.OrtSettings.withThreads(2), null);
        assertEquals(r.int8Miou(), e.miou(), 1e-9);
        assertEquals(8, r.valImages());
        assertTrue(r.latency().fp32Ms() > 0 && r.latency().int8Ms() > 0);
        assertEquals(r.latency().int8Ms() / r.latency().fp32Ms(), r.latency().ratio(), 1e-9);
        assertTrue(r.ortKernels().int8Ops() > 0, r.ortKernels().summary());
    }

    @Test
    void cpuBundle() throws Exception {
        DeployOptions o = TinyFixtures.options(dir, Target.CPU);
        DeployReport r = Deployer.deploy(o);
        checkCommon(r, o.out, "cpu");
        assertEquals("uint8", r.activations());
        assertEquals(0, r.ortKernels().floatComputes(), r.ortKernels().summary());
        // a tampered file is reported
        Files.writeString(o.out.resolve(Deployer.REPORT_FILE), "{}");
        assertEquals(1, Manifest.verify(o.out).size());
        // deploying again into a bundle folder replaces it; a foreign folder is refused
        Deployer.deploy(o);
        assertEquals(List.of(), Manifest.verify(o.out));
        Path foreign = dir.resolve("foreign");
        AtomicFiles.writeString(foreign.resolve("notes.txt"), "mine");
        DeployOptions f = TinyFixtures.options(dir, Target.CPU);
        f.out = foreign;
        BadInputException e = assertThrows(BadInputException.class, () -> Deployer.deploy(f));
        assertTrue(e.getMessage().contains(foreign.toString()), e.getMessage());
        assertTrue(Files.exists(foreign.resolve("notes.txt")));
    }

    @Test
    void androidBundle() throws Exception {
        DeployOptions o = TinyFixtures.options(dir, Target.ANDROID);
        DeployReport r = Deployer.deploy(o);
        checkCommon(r, o.out, "android");
        assertEquals("int8", r.activations());
        OnnxChecker.check(o.out.resolve(AndroidBundle.FP32_FILE));
        try (ZipFile z = new ZipFile(o.out.resolve("agent.jar").toFile())) {
            assertNotNull(z.getEntry("classes.dex"), "agent.jar must hold dex for app_process");
        }
        Path script = o.out.resolve(AndroidBundle.SCRIPT);
        assertTrue(Files.isExecutable(script));
        String text = Files.readString(script);
        assertTrue(text.contains("adb -s \"$SERIAL\" push") && text.contains("app_process")
                && text.contains(AndroidBundle.AGENT_MAIN) && text.contains("--bench"), text);
        Process p = new ProcessBuilder("sh", "-n", script.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
        // without arguments it prints its usage and exits 2 before touching adb
        Process u = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true).start();
        assertTrue(u.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, u.exitValue());
        assertTrue(new String(u.getInputStream().readAllBytes()).contains("usage"));
    }

    @Test
    void gap8BundleAgreesWithOnnxRuntimeOnTheHost() throws Exception {
        DeployOptions o = TinyFixtures.options(dir, Target.GAP8);
        DeployReport r = Deployer.deploy(o);
        checkCommon(r, o.out, "gap8");
        DeployReport.Gap8Checks g = r.gap8();
        assertTrue(g.hostArgmaxAgreement() >= 0.99, "argmax agreement " + g.hostArgmaxAgreement());
        assertTrue(g.hostWithinOne() >= 0.99, "within one " + g.hostWithinOne());
        // with the U8S8 model ORT runs integer kernels throughout, and the C matches them value for value
        assertEquals("uint8", r.activations());
        assertTrue(g.hostExactValues() >= 0.99, "exact values " + g.hostExactValues());
        assertNotNull(g.riscvCodeBytes());
        assertTrue(g.riscvCodeBytes() > 1000, "rv32imc code bytes " + g.riscvCodeBytes());
        Path project = o.out.resolve("project");
        for (String f : List.of("main.c", "network.c", "network.h", "en_net.c", "en_net.h", "weights.bin", "inputs.bin",
                "Makefile", "kernels/en_kernels.h", "kernels/en_hwc.c", "host/pmsis.h", "host-build.sh")) {
            assertTrue(Files.isRegularFile(project.resolve(f)), f);
        }
        String mk = Files.readString(project.resolve("Makefile"));
        assertTrue(mk.contains("pmsis_rules.mk") && mk.contains("APP_SRCS") && mk.contains("kernels/en_hwc.c")
                && mk.contains("READFS_FILES := weights.bin inputs.bin"), mk);
        // every validation image the project carries ran, each with its own argmax checksum
        assertEquals(g.images(), g.hostArgmaxChecksums().size());
        long inputs = Files.size(project.resolve("inputs.bin"));
        assertTrue(inputs > 0 && inputs % g.images() == 0, inputs + " bytes for " + g.images() + " images");
        assertTrue(Files.readString(o.out.resolve("nntool/nntool.script")).contains("aquant"));
        assertTrue(Files.isRegularFile(o.out.resolve("nntool/calib/calib_000.ppm")));
        OnnxChecker.check(o.out.resolve("nntool/model.onnx"));
        // the project's own host script reproduces the checksum the deployment recorded
        Process p = new ProcessBuilder("sh", project.resolve("host-build.sh").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("EN_RESULT image=0 status=0") && out.contains("checksum=" + g.checksum()), out);
        assertTrue(out.contains("EN_LAYER 0 cycles="), out);
        // memory plan: buffer reuse never needs more than separate buffers, and at least the peak
        JsonNode plan = Json.readTree(o.out.resolve("memory-plan.json"));
        long arena = plan.path("arenaBytes").asLong();
        assertTrue(arena >= plan.path("peakLiveBytes").asLong() && arena <= plan.path("activationBytesNoReuse").asLong());
        JsonNode tiers = plan.path("hierarchy");
        assertTrue(tiers.path("fitsL1").asBoolean() && tiers.path("fitsL2").asBoolean() && tiers.path("fitsL3").asBoolean(),
                tiers.toString());
        assertEquals(r.gap8().memory().hierarchy().tiles().size(), tiers.path("tiles").size());
        assertTrue(Files.readString(o.out.resolve("MEMORY.md")).contains("L2"));
        assertFalse(Files.exists(project.resolve("network-host")) && Manifest.verify(o.out).isEmpty()
                && Json.readTree(o.out.resolve(Manifest.FILE)).path("files").has("project/network-host"));
    }

    @Test
    void unsupportedOperatorFailsBeforeAnyWorkNamingTheNode() {
        GraphBuilder b = new GraphBuilder("bad");
        String x = b.input("input", -1, 3, 64, 64);
        String w = b.floats("w", new long[] {7, 3, 1, 1}, new float[21]);
        String c = b.node("Conv", "classifier", List.of(x, w), Attrs.ints("kernel_shape", 1, 1));
        b.node("Softmax", "probabilities", List.of(c), List.of("logits"), Attrs.i("axis", 1));
        b.output("logits", -1, 7, 64, 64);
        b.metadata(dev.edgenas.ir.ModelMetadata.KEY, new dev.edgenas.ir.ModelMetadata("input", "logits", 64, 64,
                new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.2f, 0.2f, 0.2f},
                List.of("a", "b", "c", "d", "e", "f", "g"), 255).toJson());
        Path model = dir.resolve("softmax.onnx");
        OnnxModels.write(b.build(), model);
        DeployOptions o = TinyFixtures.options(dir, Target.CPU);
        o.model = model;
        o.out = dir.resolve("never");
        BadInputException e = assertThrows(BadInputException.class, () -> Deployer.deploy(o));
        assertTrue(e.getMessage().contains("probabilities") && e.getMessage().contains("Softmax")
                && e.getMessage().contains(model.toString()), e.getMessage());
        assertFalse(Files.exists(o.out));
    }
}
