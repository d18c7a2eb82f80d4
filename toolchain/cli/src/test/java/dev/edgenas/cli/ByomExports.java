package dev.edgenas.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The 'bring your own model' fixtures, built at test time by byom/export_byom.py (beside the tests)
 * with Debian's PyTorch: raw torch.onnx.export files as a user would hand them over, plus a 7-class
 * dataset (the synthetic portraits have 7 classes, as the exports do).
 */
final class ByomExports {
    static final String PYTHON = "/usr/bin/python3";
    static final String MNV2_OP13 = "mnv2_deeplabv3plus_op13.onnx";
    static final String MNV2_OP17 = "mnv2_deeplabv3plus_op17.onnx";
    static final String MNV3 = "tv_deeplabv3_mnv3_large_op13.onnx";

    final Path dir;
    final Path data;

    ByomExports(Path dir) throws Exception {
        this.dir = dir;
        Path script = dir.resolve("export_byom.py");
        try (InputStream in = ByomExports.class.getResourceAsStream("byom/export_byom.py")) {
            Files.copy(in, script);
        }
        run(List.of(PYTHON, script.toString(), dir.toString(), "64"), "python3-torch and python3-torchvision");
        data = dir.resolve("data");
        CliRunner.Result r = CliRunner.run("data", "synth", "--out", data.toString(), "--seed", "5", "--train", "8",
                "--val", "4", "--size", "64", "--no-progress");
        if (r.code() != 0) {
            throw new IllegalStateException("data synth failed: " + r.err());
        }
    }

    Path model(String name) {
        return dir.resolve(name);
    }

    /** onnx.checker.check_model(full_check=True) on each file, in one Python process. */
    static void checkAll(List<Path> models) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", "import sys, onnx\n"
                + "for f in sys.argv[1:]:\n"
                + "    onnx.checker.check_model(onnx.load(f), full_check=True)\n"
                + "print('ok', len(sys.argv) - 1)\n"));
        models.forEach(m -> cmd.add(m.toString()));
        String out = run(cmd, "python3-onnx");
        if (!out.contains("ok " + models.size())) {
            throw new AssertionError("onnx.checker: " + out);
        }
    }

    /** Every .onnx file below {@code root}. */
    static List<Path> onnxFiles(Path root) throws IOException {
        try (var s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".onnx") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    private static String run(List<String> cmd, String packages) throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            throw new AssertionError(PYTHON + " missing: apt-get install " + packages + " (scripts/setup.sh)");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd.get(0) + " " + cmd.get(1));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("failed (needs " + packages + ", see scripts/setup.sh): " + out);
        }
        return out;
    }
}
