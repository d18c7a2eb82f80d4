package dev.edgenas.agent.android;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.NNAPIFlags;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Times one single-kernel model: session creation, warm-up runs, then timed repetitions. The CPU
 * clocks are read after the warm-up and right after the last timed run, while the cores are busy:
 * an idle core sits at its lowest clock under schedutil, so a reading taken before the work would
 * say nothing about throttling.
 */
final class KernelBench {
    private final OrtEnvironment env;
    private final AgentOptions options;
    private final DeviceProbe probe;

    KernelBench(OrtEnvironment env, AgentOptions options, DeviceProbe probe) {
        this.env = env;
        this.options = options;
        this.probe = probe;
    }

    /** What one kernel measurement produced. */
    static final class Measurement {
        long sessionCreateNs;
        long warmupNs;
        final List<Long> samplesNs = new ArrayList<Long>();
        long[] freqBeforeKHz;
        long[] freqAfterKHz;
    }

    Measurement measure(String modelPath) throws OrtException {
        Measurement m = new Measurement();
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        try {
            so.setInterOpNumThreads(1);
            so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            so.setOptimizationLevel(optLevel(options.optLevel));
            addProvider(so, options.ep, options.threads);
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
        m.freqBeforeKHz = probe.frequenciesKHz();
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
        m.freqAfterKHz = probe.frequenciesKHz();
    }

    /**
     * The execution provider behind --ep. XNNPACK brings its own thread pool: ORT's documentation
     * recommends giving it the threads and keeping ORT's intra-op pool at 1 without spinning, so the
     * two pools do not compete for the pinned cores. NNAPI runs with CPU_DISABLED, so that nodes the
     * accelerators cannot take fall back to ORT's CPU kernels rather than to NNAPI's slow reference
     * CPU implementation.
     */
    static void addProvider(OrtSession.SessionOptions so, String ep, int threads) throws OrtException {
        if ("xnnpack".equals(ep)) {
            so.setIntraOpNumThreads(1);
            so.addConfigEntry("session.intra_op.allow_spinning", "0");
            Map<String, String> xnn = new HashMap<String, String>();
            xnn.put("intra_op_num_threads", Integer.toString(threads));
            so.addXnnpack(xnn);
        } else if ("nnapi".equals(ep)) {
            so.setIntraOpNumThreads(threads);
            so.addNnapi(EnumSet.of(NNAPIFlags.CPU_DISABLED));
        } else {
            so.setIntraOpNumThreads(threads);
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
