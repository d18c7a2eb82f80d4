package dev.edgenas.agent.android;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the agent's measurement loop on the host JVM with the real desktop ONNX Runtime. */
class AgentMainTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearProperties() {
        System.clearProperty(DeviceProbe.ROOT_PROPERTY);
        System.clearProperty(DeviceProbe.THERMAL_FILE_PROPERTY);
    }

    private Path models() {
        TinyOnnx.conv(dir.resolve("models/conv.onnx"), 8, 16, 16, 1);
        TinyOnnx.conv(dir.resolve("models/dw.onnx"), 16, 16, 16, 16);
        TinyOnnx.relu(dir.resolve("models/relu.onnx"), 16, 16);
        return dir.resolve("models");
    }

    private int run(Path list, Path out, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--models", dir.resolve("models").toString(),
                "--list", list.toString(), "--out", out.toString(), "--warmup", "3", "--min-reps", "5",
                "--max-reps", "40", "--max-seconds", "0.05"));
        args.addAll(List.of(extra));
        return AgentMain.run(args.toArray(new String[0]));
    }

    @Test
    void measuresEveryKernelAndEndsWithDone() throws Exception {
        models();
        Path list = Files.writeString(dir.resolve("k.txt"), "conv 3x3\tconv.onnx\ndw\tdw.onnx\n# comment\nrelu\trelu.onnx\n");
        Path out = dir.resolve("out/r.jsonl");
        assertEquals(0, run(list, out));
        List<String> lines = Files.readAllLines(out);
        assertEquals(5, lines.size(), "header, 3 kernels, done");
        assertTrue(lines.get(0).startsWith("{\"type\":\"header\""));
        assertTrue(lines.get(0).contains("\"ortVersion\":\"1.29.0\""), lines.get(0));
        for (String l : lines.subList(1, 4)) {
            int samples = count(l, "samplesNs");
            assertTrue(samples >= 5 && samples <= 40, "sample count " + samples + " in " + l);
            assertTrue(longField(l, "sessionCreateNs") > 0);
        }
        assertEquals("conv 3x3", JsonLine.stringField(lines.get(1), "kernel"));
        assertTrue(lines.get(4).contains("\"status\":\"done\"") && lines.get(4).contains("\"measured\":3"));
    }

    @Test
    void resumeSkipsKernelsAlreadyInTheOutputEvenAfterATruncatedLine() throws Exception {
        models();
        Path out = dir.resolve("r.jsonl");
        assertEquals(0, run(Files.writeString(dir.resolve("a.txt"), "conv\tconv.onnx\n"), out));
        Files.writeString(out, "{\"type\":\"kernel\",\"kernel\":\"dw\",\"samp", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(0, run(Files.writeString(dir.resolve("b.txt"), "conv\tconv.onnx\ndw\tdw.onnx\nrelu\trelu.onnx\n"), out));
        List<String> lines = Files.readAllLines(out);
        String last = lines.get(lines.size() - 1);
        assertTrue(last.contains("\"measured\":2") && last.contains("\"skipped\":1"), last);
        assertEquals(3, new ResultsFile(out.toFile()).finishedKernels().size());
        assertEquals(1, lines.stream().filter(l -> l.contains("\"kernel\":\"conv\"")).count());
    }

    @Test
    void aBrokenModelIsAnErrorLineAndExitThree() throws Exception {
        models();
        Files.writeString(dir.resolve("models/bad.onnx"), "not onnx");
        Path out = dir.resolve("r.jsonl");
        assertEquals(3, run(Files.writeString(dir.resolve("k.txt"), "bad\tbad.onnx\nrelu\trelu.onnx\n"), out));
        String text = Files.readString(out);
        assertTrue(text.contains("{\"type\":\"error\",\"kernel\":\"bad\""), text);
        assertTrue(text.contains("\"kernel\":\"relu\",\"file\":\"relu.onnx\""), text);
    }

    @Test
    void readsClocksAndThermalStatusFromTheSimulatedRoot() throws Exception {
        models();
        for (int cpu = 0; cpu < 2; cpu++) {
            Path f = dir.resolve("root/sys/devices/system/cpu/cpu" + cpu + "/cpufreq/scaling_cur_freq");
            Files.createDirectories(f.getParent());
            Files.writeString(f, (1_000_000 + cpu) + "\n");
        }
        Path thermal = Files.writeString(dir.resolve("thermal.txt"), "Foo: 1\nThermal Status: 2\n");
        System.setProperty(DeviceProbe.ROOT_PROPERTY, dir.resolve("root").toString());
        System.setProperty(DeviceProbe.THERMAL_FILE_PROPERTY, thermal.toString());
        Path out = dir.resolve("r.jsonl");
        assertEquals(0, AgentMain.run(new String[] {"--bench", dir.resolve("models/relu.onnx").toString(),
                "--out", out.toString(), "--warmup", "0", "--min-reps", "3", "--max-reps", "3"}));
        String kernel = Files.readAllLines(out).get(1);
        assertTrue(kernel.contains("\"kernel\":\"relu.onnx\""), kernel);
        assertTrue(kernel.contains("\"freqBeforeKHz\":[1000000,1000001]"), kernel);
        assertTrue(kernel.contains("\"thermalBefore\":2,\"thermalAfter\":2"), kernel);
        assertEquals(3, count(kernel, "samplesNs"));
        assertTrue(Files.readAllLines(out).get(0).contains("\"simulated\":true"));
    }

    @Test
    void anotherOrtVersionThanTheHostExpectsIsAFatalLineAndExitFour() throws Exception {
        models();
        Path out = dir.resolve("r.jsonl");
        assertEquals(4, run(Files.writeString(dir.resolve("k.txt"), "relu\trelu.onnx\n"), out, "--expect-ort", "1.22.0"));
        List<String> lines = Files.readAllLines(out);
        assertEquals(1, lines.size(), "only the fatal line, nothing measured: " + lines);
        assertTrue(lines.get(0).startsWith("{\"type\":\"fatal\""), lines.get(0));
        assertTrue(lines.get(0).contains("is 1.29.0 but the host expects 1.22.0")
                && lines.get(0).contains("onnxruntime-android-1.22.0.aar"), lines.get(0));
        // the version it does run passes, and the header records provider and expectation
        Path ok = dir.resolve("ok.jsonl");
        assertEquals(0, run(Files.writeString(dir.resolve("k2.txt"), "relu\trelu.onnx\n"), ok, "--expect-ort", "1.29.0",
                "--ep", "cpu"));
        String header = Files.readAllLines(ok).get(0);
        assertTrue(header.contains("\"ep\":\"cpu\",\"ortExpected\":\"1.29.0\"") && header.contains("\"nativeLibraries\":[]"),
                header);
    }

    @Test
    void aProviderThisOrtBuildLacksIsAFatalLine() throws Exception {
        models();
        Path out = dir.resolve("r.jsonl");
        // the desktop jar has only the CPU provider; the Android AAR has XNNPACK and NNAPI
        assertEquals(4, run(Files.writeString(dir.resolve("k.txt"), "relu\trelu.onnx\n"), out, "--ep", "xnnpack"));
        String fatal = Files.readString(out);
        assertTrue(fatal.contains("--ep xnnpack: this ONNX Runtime build has no XnnpackExecutionProvider"), fatal);
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(new String[] {"--bench", "m", "--out", "x",
                "--ep", "gpu"}));
    }

    @Test
    void badUsageIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(new String[] {"--out", "x"}));
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(new String[] {"--bench", "m", "--out", "x",
                "--min-reps", "10", "--max-reps", "5"}));
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(new String[] {"--bench", "m", "--out"}));
    }

    @Test
    void jsonStringsRoundTripThroughTheResumeReader() {
        String key = "conv \"q\" \\ tab\t nl\n \u0001 ü";
        String line = new JsonLine().put("type", "kernel").put("kernel", key).put("n", 3).toString();
        assertEquals(key, JsonLine.stringField(line, "kernel"));
        assertEquals(null, JsonLine.stringField(line.substring(0, 20), "kernel"));
        assertFalse(line.contains("\n"));
    }

    private static int count(String line, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\\[([^\\]]*)\\]").matcher(line);
        assertTrue(m.find(), field + " in " + line);
        return m.group(1).isEmpty() ? 0 : m.group(1).split(",").length;
    }

    private static long longField(String line, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(line);
        assertTrue(m.find(), field + " in " + line);
        return Long.parseLong(m.group(1));
    }
}
