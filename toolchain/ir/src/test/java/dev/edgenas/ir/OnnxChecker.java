package dev.edgenas.ir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The independent check every test runs on the ONNX files edgenas writes: Debian's python3-onnx
 * ({@code onnx.checker.check_model(m, full_check=True)}, which includes strict shape inference).
 * A missing checker fails the test with the package to install: never a silent skip.
 */
public final class OnnxChecker {
    public static final String PYTHON = "/usr/bin/python3";

    private OnnxChecker() {
    }

    public static void check(Path model) {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            throw new AssertionError(PYTHON + " missing: apt-get install python3-onnx");
        }
        String script = "import sys, onnx\n"
                + "m = onnx.load(sys.argv[1])\n"
                + "onnx.checker.check_model(m, full_check=True)\n"
                + "print('ok', m.opset_import[0].version)\n";
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", script, model.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("onnx.checker timed out on " + model);
            }
            if (p.exitValue() != 0 || !out.startsWith("ok")) {
                if (out.contains("No module named 'onnx'")) {
                    throw new AssertionError("python3-onnx missing: apt-get install python3-onnx");
                }
                throw new AssertionError("onnx.checker rejected " + model + ":\n" + out);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + PYTHON + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
