package dev.edgenas.agent.android;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Times one single-kernel model: session creation, warm-up runs, then timed repetitions. */
final class KernelBench {
    private final OrtEnvironment env;
    private final AgentOptions options;

    KernelBench(OrtEnvironment env, AgentOptions options) {
        this.env = env;
        this.options = options;
    }

    /** What one kernel measurement produced. */
    static final class Measurement {
        long sessionCreateNs;
        long warmupNs;
        final List<Long> samplesNs = new ArrayList<Long>();
    }

    Measurement measure(String modelPath) throws OrtException {
        Measurement m = new Measurement();
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        try {
            so.setIntraOpNumThreads(options.threads);
            so.setInterOpNumThreads(1);
            so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            so.setOptimizationLevel(optLevel(options.optLevel));
            long t0 = System.nanoTime();
            OrtSession session = env.createSession(modelPath, so);
            m.sessionCreateNs = System.nanoTime() - t0;
            try {
                Map<String, OnnxTensor> inputs = InputFactory.inputs(env, session.getInputInfo());
                try {
                    run(session, inputs, m);
                } finally {
                    InputFactory.closeAll(inputs);
                }
            } finally {
                session.close();
            }
        } finally {
            so.close();
        }
        return m;
    }

    private void run(OrtSession session, Map<String, OnnxTensor> inputs, Measurement m) throws OrtException {
        long w0 = System.nanoTime();
        for (int i = 0; i < options.warmup; i++) {
            session.run(inputs).close();
        }
        m.warmupNs = System.nanoTime() - w0;
        long budgetNs = (long) (options.maxSeconds * 1e9);
        long start = System.nanoTime();
        // At least minReps samples; beyond that stop at maxReps or when the time budget is spent.
        while (m.samplesNs.size() < options.maxReps) {
            if (m.samplesNs.size() >= options.minReps && System.nanoTime() - start >= budgetNs) {
                break;
            }
            long t = System.nanoTime();
            OrtSession.Result r = session.run(inputs);
            long dt = System.nanoTime() - t;
            r.close();
            m.samplesNs.add(dt);
        }
    }

    static OrtSession.SessionOptions.OptLevel optLevel(String name) {
        if ("none".equals(name)) {
            return OrtSession.SessionOptions.OptLevel.NO_OPT;
        } else if ("basic".equals(name)) {
            return OrtSession.SessionOptions.OptLevel.BASIC_OPT;
        } else if ("extended".equals(name)) {
            return OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
        } else if ("all".equals(name)) {
            return OrtSession.SessionOptions.OptLevel.ALL_OPT;
        }
        throw new IllegalArgumentException("--opt-level must be all, extended, basic or none, got " + name);
    }
}
