package dev.edgenas.agent.android;

import java.io.File;

/** Command-line options of the agent; see docs/ANDROID.md for the protocol. */
final class AgentOptions {
    File modelsDir;
    File listFile;
    File benchModel;
    String benchName;
    File out;
    int warmup = 10;
    int minReps = 20;
    int maxReps = 200;
    double maxSeconds = 2.0;
    int threads = 1;
    String optLevel = "all";
    /** Execution provider: cpu, xnnpack or nnapi. */
    String ep = "cpu";
    /** Where libonnxruntime.so and libonnxruntime4j_jni.so are; loaded from there by absolute path on Android. */
    File ortLibDir;
    /** The ONNX Runtime version the host expects; another version is a fatal error (null: no check). */
    String expectOrt;

    static final String USAGE = "usage: AgentMain (--models DIR --list FILE | --bench MODEL.onnx [--name KEY])"
            + " --out FILE [--warmup N] [--min-reps N] [--max-reps N] [--max-seconds S] [--threads N]"
            + " [--opt-level all|extended|basic|none] [--ep cpu|xnnpack|nnapi] [--ort-lib-dir DIR]"
            + " [--expect-ort VERSION]";

    static AgentOptions parse(String[] args) {
        AgentOptions o = new AgentOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            if ("--models".equals(a)) {
                o.modelsDir = new File(v);
            } else if ("--list".equals(a)) {
                o.listFile = new File(v);
            } else if ("--bench".equals(a)) {
                o.benchModel = new File(v);
            } else if ("--name".equals(a)) {
                o.benchName = v;
            } else if ("--out".equals(a)) {
                o.out = new File(v);
            } else if ("--warmup".equals(a)) {
                o.warmup = nonNegative(a, v);
            } else if ("--min-reps".equals(a)) {
                o.minReps = positive(a, v);
            } else if ("--max-reps".equals(a)) {
                o.maxReps = positive(a, v);
            } else if ("--max-seconds".equals(a)) {
                o.maxSeconds = Double.parseDouble(v);
            } else if ("--threads".equals(a)) {
                o.threads = positive(a, v);
            } else if ("--opt-level".equals(a)) {
                o.optLevel = v;
            } else if ("--ep".equals(a)) {
                OrtLoader.provider(v); // rejects an unknown provider name
                o.ep = v;
            } else if ("--ort-lib-dir".equals(a)) {
                o.ortLibDir = new File(v);
            } else if ("--expect-ort".equals(a)) {
                o.expectOrt = v;
            } else {
                throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (o.out == null) {
            throw new IllegalArgumentException("--out is required");
        }
        if ((o.benchModel == null) == (o.listFile == null)) {
            throw new IllegalArgumentException("give exactly one of --list (with --models) or --bench");
        }
        if (o.listFile != null && o.modelsDir == null) {
            throw new IllegalArgumentException("--list needs --models DIR");
        }
        if (o.maxReps < o.minReps) {
            throw new IllegalArgumentException("--max-reps " + o.maxReps + " is below --min-reps " + o.minReps);
        }
        return o;
    }

    private static int positive(String name, String v) {
        int n = Integer.parseInt(v);
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + v);
        }
        return n;
    }

    private static int nonNegative(String name, String v) {
        int n = Integer.parseInt(v);
        if (n < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + v);
        }
        return n;
    }
}
