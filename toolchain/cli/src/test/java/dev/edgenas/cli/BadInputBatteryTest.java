package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input battery: every command fed wrong options and broken files, in-process. Each case
 * asserts the exit code, one "edgenas:" line naming the option or the file (and field), no stack
 * trace, and that --out is exactly as before. Prints "battery: N cases ..." at the end (the figure
 * quoted in docs/ROBUSTNESS.md).
 */
class BadInputBatteryTest {
    @TempDir
    static Path tmp;
    static BatteryFixtures f;
    static final Map<Integer, Integer> BY_CODE = new TreeMap<>();
    static final AtomicInteger CASES = new AtomicInteger();
    static final AtomicInteger MISHANDLED = new AtomicInteger();

    /** One run: the arguments, the exit code it must give, what its message must name, the output to watch. */
    record Case(String name, int code, List<String> mentions, Path out, String[] args) {
    }

    @BeforeAll
    static void fixtures() throws Exception {
        f = new BatteryFixtures(tmp);
    }

    @AfterAll
    static void summary() throws Exception {
        String line = String.format("battery: %d cases, by exit code %s, mishandled %d", CASES.get(), BY_CODE,
                MISHANDLED.get());
        System.out.println(line);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("battery-summary.txt"), line + "\n");
        }
    }

    @TestFactory
    List<DynamicTest> battery() throws Exception {
        List<Case> cases = new ArrayList<>();
        ranges(cases);
        enums(cases);
        files(cases);
        datasets(cases);
        outputs(cases);
        assertTrue(cases.size() >= 150, "only " + cases.size() + " cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c))).toList();
    }

    static void check(Case c) {
        String before = BatteryFixtures.state(c.out());
        CliRunner.Result r;
        long t0 = System.nanoTime();
        synchronized (BadInputBatteryTest.class) {
            r = CliRunner.run(withNoProgress(c.args()));
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (s > 1) {
            System.out.printf("battery: slow case (%.1f s): %s%n", s, c.name());
        }
        CASES.incrementAndGet();
        BY_CODE.merge(r.code(), 1, Integer::sum);
        try {
            String err = r.err();
            assertEquals(c.code(), r.code(), "exit code; stderr: " + err + "\nstdout: " + r.out());
            assertTrue(!err.contains("\tat ") && !err.contains("Exception in thread") && !err.contains("internal error"),
                    "stack trace or internal error: " + err);
            if (c.code() != 0) {
                List<String> lines = err.lines().filter(l -> l.startsWith("edgenas: ") && !l.startsWith("edgenas: warning:")
                        && !l.startsWith("edgenas: note")).toList();
                assertEquals(1, lines.size(), "one error line: " + err);
                for (String m : c.mentions()) {
                    assertTrue(lines.get(0).contains(m), "the message should name '" + m + "': " + lines.get(0));
                }
            }
            assertEquals(before, BatteryFixtures.state(c.out()), "--out changed: " + c.out());
        } catch (AssertionError e) {
            MISHANDLED.incrementAndGet();
            throw e;
        }
    }

    private static String[] withNoProgress(String[] args) {
        List<String> a = new ArrayList<>(List.of(args));
        int i = 0;
        while (i < a.size() && !a.get(i).startsWith("-")) {
            i++;
        }
        if (!a.contains("--help") && !a.contains("--version")) {
            a.add(i, "--no-progress");
        }
        return a.toArray(String[]::new);
    }

    static Case c(List<Case> into, int code, String mention, Path out, String... args) {
        Case k = new Case(String.join(" ", args), code, mention == null ? List.of() : List.of(mention.split("\\|")), out,
                args);
        into.add(k);
        return k;
    }

    // ---------------------------------------------------------------- numeric ranges (exit 2)

    private static void ranges(List<Case> k) {
        String m = f.model.toString();
        String d = f.data.toString();
        String t = f.table.toString();
        String out = tmp.resolve("never").toString();
        Object[][] bad = {
            {new String[] {"eval", "--model", m, "--data", d}, new String[] {"--batch", "0", "--batch", "-1", "--limit",
                "-5", "--threads", "-2"}},
            {new String[] {"model", "info", "--model", m}, new String[] {"--batch", "-1", "--batch", "0"}},
            {new String[] {"table", "predict", "--table", t, "--model", m}, new String[] {"--batch", "0", "--batch", "-4"}},
            {new String[] {"table", "validate", "--table", t}, new String[] {"--samples", "-3", "--samples", "0"}},
            {new String[] {"profile", "--space", "default", "--out", out}, new String[] {"--threads", "-1", "--target-ci",
                "0", "--target-ci", "2", "--max-seconds-per-entry", "0", "--min-samples", "0", "--max-samples", "0",
                "--warmup", "-1", "--group-size", "0", "--reps", "0", "--target-ci", "NaN"}},
            {new String[] {"profile", "--device", "gap8", "--space", "default", "--platform", "host-sim"},
                new String[] {"--baud", "0", "--fc-mhz", "-1", "--cl-mhz", "0", "--cl-mhz", "9999"}},
            {new String[] {"profile", "--device", "android", "--space", "default"}, new String[] {"--adb-server-port",
                "70000", "--adb-server-port", "0"}},
            {new String[] {"deploy", "--model", m, "--data", d, "--target", "cpu", "--out", out}, new String[] {
                "--percentile", "150", "--percentile", "0", "--calib-images", "0", "--val-images", "-1", "--threads",
                "-1", "--warmup", "-1", "--runs", "0", "--percentile", "Infinity"}},
            {new String[] {"train", "--model", m, "--data", d, "--out", out}, new String[] {"--epochs", "0", "--batch",
                "0", "--lr", "0", "--lr", "-1", "--lr", "NaN", "--weight-decay", "-1", "--warmup-epochs", "-1",
                "--scale-min", "0", "--scale-max", "-1", "--color-jitter", "2", "--threads", "-1", "--kd-weight", "-1",
                "--kd-temperature", "0", "--val-limit", "-1", "--train-limit", "-1"}},
            {new String[] {"search", "--model", m, "--data", d, "--out", out}, new String[] {"--val-subset", "0",
                "--calib-images", "-1", "--population", "1", "--generations", "0", "--threads", "-1", "--finetune-epochs",
                "-1", "--finetune-limit", "-1", "--finetune-networks", "-1", "--finetune-batch", "0", "--finetune-lr", "0",
                "--focus-networks", "-1", "--focus-epochs", "-1", "--max-drop", "-1", "--max-drop", "101"}},
            {new String[] {"data", "synth", "--out", out}, new String[] {"--train", "-1", "--val", "0", "--size", "8",
                "--size", "99999"}},
            {new String[] {"devices"}, new String[] {"--listen-ms", "0", "--baud", "0", "--adb-server-port", "0"}},
            {new String[] {"table", "diff", t, t}, new String[] {"--top", "-1", "--threshold", "0", "--max-share", "0",
                "--max-share", "1.5", "--min-ms", "-1"}},
        };
        for (Object[] row : bad) {
            String[] base = (String[]) row[0];
            String[] opts = (String[]) row[1];
            for (int i = 0; i < opts.length; i += 2) {
                List<String> a = new ArrayList<>(List.of(base));
                a.add(opts[i]);
                a.add(opts[i + 1]);
                c(k, 2, opts[i], Path.of(out), a.toArray(String[]::new));
            }
        }
        // not numbers at all
        c(k, 2, "--batch", null, "eval", "--model", m, "--data", d, "--batch", "abc");
        c(k, 2, "--lr", null, "train", "--model", m, "--data", d, "--out", out, "--lr", "fast");
        c(k, 2, "--samples", null, "table", "validate", "--table", t, "--samples", "1.5");
        c(k, 2, "--seed", null, "model", "build", "--out", out, "--seed", "x");
        c(k, 2, "--input-size", null, "model", "info", "--model", m, "--input-size", "0x5");
        c(k, 2, "--input-size", null, "model", "info", "--model", m, "--input-size", "big");
        c(k, 2, "--input-size", null, "table", "predict", "--table", t, "--model", m, "--input-size", "64x");
    }

    // ---------------------------------------------------------------- enums and usage (exit 2)

    private static void enums(List<Case> k) {
        String m = f.model.toString();
        String d = f.data.toString();
        String out = tmp.resolve("never2").toString();
        Path o = Path.of(out);
        c(k, 2, "--preset", o, "model", "build", "--preset", "huge", "--out", out);
        c(k, 2, "--target", o, "deploy", "--model", m, "--data", d, "--target", "tpu", "--out", out);
        c(k, 2, "--calib-method", o, "deploy", "--model", m, "--data", d, "--target", "cpu", "--out", out,
                "--calib-method", "median");
        c(k, 2, "--activations", o, "deploy", "--model", m, "--data", d, "--target", "cpu", "--out", out,
                "--activations", "int4");
        c(k, 2, "--algorithm", o, "search", "--model", m, "--data", d, "--out", out, "--algorithm", "annealing");
        // in range for picocli, refused by the options' own check: still a usage error naming the flag
        c(k, 2, "--finetune-lr", o, "search", "--model", m, "--data", d, "--out", out, "--finetune-lr", "5");
        c(k, 2, "--warmup-epochs", o, "train", "--model", m, "--data", d, "--out", out, "--epochs", "1",
                "--warmup-epochs", "3");
        c(k, 2, "--optimizer", o, "train", "--model", m, "--data", d, "--out", out, "--optimizer", "lion");
        c(k, 2, "--schedule", o, "train", "--model", m, "--data", d, "--out", out, "--schedule", "zigzag");
        c(k, 2, "--precision", o, "profile", "--space", "default", "--out", out, "--precision", "fp16");
        c(k, 2, null, o, "profile", "--space", "default", "--out", out, "--device", "tpu");
        c(k, 2, "--port", o, "profile", "--device", "cpu", "--space", "default", "--out", out, "--port", "/dev/null");
        // no source is --space default since issue 17: a source option without its value stays a usage error
        c(k, 2, "--space", o, "profile", "--device", "cpu", "--out", out, "--space");
        c(k, 2, "--space", o, "profile", "--space", "default", "--model", m, "--out", out);
        // unknown, missing and misplaced options
        c(k, 2, "--bogus", null, "eval", "--model", m, "--data", d, "--bogus");
        c(k, 2, "--model", null, "eval", "--data", d);
        c(k, 2, "--data", null, "eval", "--model", m);
        // no --out is work/deploy/TARGET since issue 17: --out without its value stays a usage error
        c(k, 2, "--out", o, "deploy", "--model", m, "--data", d, "--target", "cpu", "--out");
        c(k, 2, "--target", o, "deploy", "--model", m, "--data", d, "--out", out);
        c(k, 2, "--out", null, "train", "--model", m, "--data", d);
        c(k, 2, "--table", null, "table", "predict", "--model", m);
        c(k, 2, "--model", null, "table", "predict", "--table", f.table.toString());
        c(k, 2, "--out", null, "model", "build", "--preset", "tiny");
        c(k, 2, "--data", null, "data", "check");
        c(k, 2, "--out", null, "data", "synth");
        c(k, 2, null, null, "frobnicate");
        c(k, 2, null, null, "model", "frobnicate");
        c(k, 2, null, null, "table", "diff", f.table.toString());
        c(k, 2, "--model", null, "model", "info", "--model");
    }

    // ---------------------------------------------------------------- broken files (exit 3)

    private static void files(List<Case> k) throws Exception {
        String m = f.model.toString();
        String d = f.data.toString();
        String t = f.table.toString();
        Path missing = tmp.resolve("no-such-file.onnx");
        Path notOnnx = f.file("text.onnx", "this is not a protobuf");
        Path empty = f.file("empty.onnx", "");
        Path cut = f.truncated(f.model, "cut.onnx");
        Path sym = f.modelSymbolicHw();
        Path three = f.modelThreeClasses();
        Path noMeta = f.modelNoMetadata();
        Path dir = Files.createDirectories(tmp.resolve("a-folder.onnx"));
        for (Path bad : new Path[] {missing, notOnnx, empty, cut, dir}) {
            c(k, 3, bad.toString(), null, "model", "info", "--model", bad.toString());
            c(k, 3, bad.toString(), null, "table", "predict", "--table", t, "--model", bad.toString());
            c(k, 3, bad.toString(), null, "eval", "--model", bad.toString(), "--data", d);
        }
        // symbolic height/width: never costed on 1x1
        c(k, 3, sym + "|shape[2]", null, "model", "info", "--model", sym.toString());
        c(k, 3, sym + "|shape[2]", null, "table", "predict", "--table", t, "--model", sym.toString());
        c(k, 3, sym + "|shape[2]", null, "table", "predict", "--table", f.gap8Table.toString(), "--model", sym.toString());
        Path symOut = tmp.resolve("sym-table.json");
        c(k, 3, sym + "|shape[2]", symOut, "profile", "--device", "cpu", "--model", sym.toString(), "--out",
                symOut.toString());
        c(k, 0, null, null, "model", "info", "--model", sym.toString(), "--input-size", "64x64");
        // metadata: a model without it is a raw export, normalised in memory (docs/MODELS.md); model import's own inputs
        c(k, 0, null, null, "eval", "--model", noMeta.toString(), "--data", d);
        Path imported = tmp.resolve("imported.onnx");
        c(k, 3, notOnnx.toString(), imported, "model", "import", "--model", notOnnx.toString(), "--out", imported.toString());
        c(k, 2, "--mean", imported, "model", "import", "--model", noMeta.toString(), "--out", imported.toString(),
                "--mean", "0.5,0.5");
        c(k, 2, "--std", imported, "model", "import", "--model", noMeta.toString(), "--out", imported.toString(),
                "--std", "0.2,0,0.2");
        c(k, 3, noMeta + "|shape[1]", imported, "model", "import", "--model", noMeta.toString(), "--out",
                imported.toString(), "--classes", "a,b");
        c(k, 3, d + "|--out", null, "model", "import", "--model", noMeta.toString(), "--out", d);
        c(k, 3, "classes", tmp.resolve("t3.onnx"), "train", "--model", three.toString(), "--data", d, "--out",
                tmp.resolve("t3.onnx").toString(), "--epochs", "1", "--batch", "2");
        c(k, 3, "classes", null, "eval", "--model", three.toString(), "--data", d);
        Path dep3 = tmp.resolve("dep3");
        c(k, 3, "classes", dep3, "deploy", "--model", three.toString(), "--data", d, "--target", "cpu", "--out",
                dep3.toString());
        // latency tables
        Path notJson = f.file("not-json.json", "{ nope");
        Path emptyEntries = f.tableEmptyEntries();
        Path noProv = f.tableEdited("no-provenance.json", "\"provenance\"", "\"provenanceX\"");
        Path badKey = f.tableEdited("bad-key.json", "\"add;in=1x16x16x16,1x16x16x16;out=1x16x16x16;act=none;prec=fp32\"",
                "\"add;in=1x16x16x16;out=oops\"");
        Path badPrec = f.tableEdited("bad-prec.json", "act=none;prec=fp32\"", "act=none;prec=int8\"");
        Path badFormat = f.tableEdited("bad-format.json", "\"edgenas-latency-table\"", "\"something-else\"");
        Path tableMissing = tmp.resolve("no-such-table.json");
        Path[] badTables = {notJson, emptyEntries, noProv, badKey, badPrec, badFormat, tableMissing};
        for (Path bt : badTables) {
            String b = bt.toString();
            String mention = bt == emptyEntries ? b + "|entries" : b;
            c(k, 3, mention, null, "table", "predict", "--table", b, "--model", m);
            Path rep = tmp.resolve("rep-" + bt.getFileName());
            c(k, 3, mention, rep.resolveSibling(rep.getFileName() + ".json"), "table", "validate", "--table", b,
                    "--samples", "2", "--report", rep.toString());
            Path so = tmp.resolve("search-" + bt.getFileName());
            c(k, 3, mention, so, "search", "--model", m, "--data", d, "--out", so.toString(), "--latency-table", b,
                    "--population", "2", "--generations", "1", "--val-subset", "2", "--calib-images", "0",
                    "--finetune-epochs", "0", "--no-random-baseline");
            if (bt != emptyEntries) {
                c(k, 3, mention, null, "table", "diff", b, t);
            }
        }
        // other inputs
        c(k, 3, "no-such", null, "model", "build", "--config", tmp.resolve("no-such.json").toString(), "--out",
                tmp.resolve("x.onnx").toString());
        c(k, 3, "bad-config.json", null, "model", "build", "--config", f.file("bad-config.json", "[1,2").toString(),
                "--out", tmp.resolve("x2.onnx").toString());
        c(k, 3, missing.toString(), tmp.resolve("tt.onnx"), "train", "--model", missing.toString(), "--data", d,
                "--out", tmp.resolve("tt.onnx").toString());
        c(k, 3, "no-teacher", tmp.resolve("tk.onnx"), "train", "--model", m, "--data", d, "--out",
                tmp.resolve("tk.onnx").toString(), "--teacher", tmp.resolve("no-teacher.onnx").toString(), "--epochs", "1",
                "--batch", "2");
        c(k, 3, missing.toString(), tmp.resolve("dm"), "deploy", "--model", missing.toString(), "--data", d,
                "--target", "cpu", "--out", tmp.resolve("dm").toString());
        c(k, 3, missing.toString(), tmp.resolve("sm"), "search", "--model", missing.toString(), "--data", d,
                "--out", tmp.resolve("sm").toString());
        c(k, 3, sym.toString(), tmp.resolve("ss"), "search", "--model", sym.toString(), "--data", d, "--out",
                tmp.resolve("ss").toString());
        c(k, 3, "no-such-model.onnx", null, "table", "validate", "--table", t, "--model",
                tmp.resolve("no-such-model.onnx").toString(), "--samples", "2");
        c(k, 3, "tableX.json", null, "table", "report", "--table", tmp.resolve("tableX.json").toString(), "--out",
                tmp.resolve("rep-out").toString());
        c(k, 3, "no-such-space.onnx", tmp.resolve("pspace.json"), "profile", "--space",
                tmp.resolve("no-such-space.onnx").toString(), "--out", tmp.resolve("pspace.json").toString());
        c(k, 3, missing.toString(), tmp.resolve("pm.json"), "profile", "--model", missing.toString(), "--out",
                tmp.resolve("pm.json").toString());
    }

    // ---------------------------------------------------------------- broken datasets (exit 3)

    private static void datasets(List<Case> k) throws Exception {
        String m = f.model.toString();
        Path[] broken = {f.dataMissingMask(), f.dataMaskOtherSize(), f.dataLabel200(), f.dataNotAnImage(),
            f.dataNoSplit(), f.dataEmptySplit(), f.dataBadJson(), f.dataMissingId(), tmp.resolve("no-such-data")};
        for (Path b : broken) {
            String bs = b.toString();
            boolean empty = bs.endsWith("empty-split");
            // an empty split is a valid (if useless) dataset for data check; evaluating on it is not
            if (!empty) {
                c(k, 3, bs, null, "data", "check", "--data", bs);
            }
            c(k, 3, bs, null, "eval", "--model", m, "--data", bs);
            Path to = tmp.resolve("train-" + b.getFileName() + ".onnx");
            c(k, 3, bs, to, "train", "--model", m, "--data", bs, "--out", to.toString(), "--epochs", "1", "--batch", "2");
            Path so = tmp.resolve("search-" + b.getFileName());
            c(k, 3, bs, so, "search", "--model", m, "--data", bs, "--out", so.toString(), "--population", "2",
                    "--generations", "1", "--val-subset", "7", "--calib-images", "0", "--finetune-epochs", "0",
                    "--no-random-baseline");
        }
    }

    // ---------------------------------------------------------------- outputs that must survive (exit 3)

    private static void outputs(List<Case> k) throws Exception {
        String m = f.model.toString();
        String d = f.data.toString();
        Path unrelated = f.file("notes.txt", "my own notes, not edgenas'\n");
        Path unrelatedOnnx = f.file("mine.onnx", "someone else's model bytes");
        Path unrelatedJson = f.file("mine.json", "{\"mine\": true}");
        Path unrelatedMd = f.file("mine.md", "# my notes\n");
        c(k, 3, unrelated + "|--out", unrelated, "model", "build", "--preset", "tiny", "--out", unrelated.toString());
        c(k, 3, unrelatedOnnx + "|--out", unrelatedOnnx, "model", "build", "--preset", "tiny", "--out",
                unrelatedOnnx.toString());
        c(k, 3, unrelated + "|--out", unrelated, "train", "--model", m, "--data", d, "--out", unrelated.toString(),
                "--epochs", "1", "--batch", "2");
        c(k, 3, unrelatedOnnx + "|--out", unrelatedOnnx, "train", "--model", m, "--data", d, "--out",
                unrelatedOnnx.toString(), "--epochs", "1", "--batch", "2");
        Path base = tmp.resolve("mine");
        c(k, 3, unrelatedJson + "|--report", unrelatedJson, "table", "validate", "--table", f.table.toString(),
                "--samples", "2", "--report", base.toString());
        Path base2 = tmp.resolve("mymd");
        Files.copy(unrelatedMd, tmp.resolve("mymd.md"));
        c(k, 3, "mymd.md|--report", tmp.resolve("mymd.md"), "table", "validate", "--table", f.table.toString(),
                "--samples", "2", "--report", base2.toString());
        // deploy --out: a file, a foreign folder
        c(k, 3, unrelated + "|--out", unrelated, "deploy", "--model", m, "--data", d, "--target", "cpu", "--out",
                unrelated.toString());
        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("keep.txt"), "mine");
        c(k, 3, foreign + "|--out", foreign, "deploy", "--model", m, "--data", d, "--target", "cpu", "--out",
                foreign.toString());
        c(k, 3, "empty-entries.json|entries", foreign, "deploy", "--model", m, "--data", d, "--target", "cpu", "--out",
                foreign.toString(), "--latency-table", tmp.resolve("empty-entries.json").toString());
        // --force replaces; an edgenas model is replaced without it
        Path forced = f.file("forced.onnx", "not a model");
        c(k, 0, null, null, "model", "build", "--preset", "tiny", "--out", forced.toString(), "--force");
        Path ours = tmp.resolve("ours.onnx");
        Files.copy(f.model, ours);
        c(k, 0, null, null, "model", "build", "--preset", "tiny", "--out", ours.toString(), "--seed", "2");
    }
}
