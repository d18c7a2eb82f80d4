package dev.edgenas.agent.android;

import ai.onnxruntime.OrtEnvironment;
import java.io.File;
import java.util.List;
import java.util.Set;

/**
 * Entry point run on the phone by {@code app_process} (and on the host JVM by the simulator and the
 * tests). Writes one JSON line per kernel; exit 0 = all kernels measured, 3 = some kernels failed
 * (error lines written), 4 = ONNX Runtime unusable (native load, version, provider; a fatal line
 * written), 2 = bad usage or input, 1 = internal error.
 */
public final class AgentMain {
    public static final String VERSION = "0.1.0";
    /** Bumped when the output lines change meaning; the host parser checks it. */
    public static final int PROTOCOL = 2;
    static final String FAULT_PROPERTY = "edgenas.agent.faultAfterKernels";

    private AgentMain() {
    }

    public static void main(String[] args) {
        int rc;
        try {
            rc = run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("edgenas-agent: " + e.getMessage());
            System.err.println(AgentOptions.USAGE);
            rc = 2;
        } catch (Throwable t) {
            System.err.println("edgenas-agent: internal error: " + t);
            t.printStackTrace();
            rc = 1;
        }
        System.out.flush();
        System.exit(rc);
    }

    static int run(String[] args) throws Exception {
        OrtLoader.applySimulatedVendor(); // before any ORT class reads java.vendor
        AgentOptions o = AgentOptions.parse(args);
        KernelBench.optLevel(o.optLevel); // reject a bad level before any work
        List<KernelList.Entry> kernels;
        if (o.benchModel != null) {
            kernels = KernelList.bench(o.benchModel, o.benchName);
        } else {
            if (!o.listFile.isFile()) {
                throw new IllegalArgumentException(o.listFile + ": kernel list not found");
            }
            kernels = KernelList.read(o.listFile, o.modelsDir);
        }
        ResultsFile results = new ResultsFile(o.out);
        Set<String> finished = results.finishedKernels();
        DeviceProbe probe = new DeviceProbe();
        OrtEnvironment env;
        List<String> natives;
        try {
            natives = OrtLoader.loadNatives(o.ortLibDir);
            env = OrtLoader.environment(o.expectOrt);
            OrtLoader.requireProvider(o.ep);
        } catch (OrtLoader.Unusable e) {
            results.append(new JsonLine().put("type", "fatal").put("message", e.getMessage()).toString());
            System.err.println("edgenas-agent: " + e.getMessage());
            return OrtLoader.EXIT_CODE;
        }
        results.append(header(o, probe, env, kernels.size(), finished.size())
                .putStrings("nativeLibraries", natives).toString());
        int faultAfter = Integer.parseInt(System.getProperty(FAULT_PROPERTY, "-1"));
        KernelBench bench = new KernelBench(env, o, probe);
        int measured = 0;
        int failed = 0;
        for (KernelList.Entry k : kernels) {
            if (!finished.add(k.key)) {
                continue; // already in the output file: resume skips it
            }
            String line = measureOne(bench, probe, k).toString();
            results.append(line);
            if (line.startsWith("{\"type\":\"error\"")) {
                failed++;
            }
            measured++;
            System.out.println("edgenas-agent: " + measured + " " + k.key);
            if (faultAfter >= 0 && measured >= faultAfter) {
                // Fault injection for the simulated phone only: die as a native crash would.
                System.err.println("edgenas-agent: simulated crash after " + measured + " kernels");
                System.err.flush();
                Runtime.getRuntime().halt(134);
            }
        }
        results.append(new JsonLine().put("type", "done").put("status", "done")
                .put("measured", measured).put("failed", failed).put("skipped", kernels.size() - measured).toString());
        return failed == 0 ? 0 : 3;
    }

    static JsonLine measureOne(KernelBench bench, DeviceProbe probe, KernelList.Entry k) {
        int thermalBefore = probe.thermalStatus();
        try {
            if (!k.path.isFile()) {
                throw new IllegalArgumentException("model file not found: " + k.path);
            }
            KernelBench.Measurement m = bench.measure(k.path.getPath());
            int thermalAfter = probe.thermalStatus();
            return new JsonLine().put("type", "kernel").put("kernel", k.key).put("file", k.file)
                    .put("sessionCreateNs", m.sessionCreateNs).put("warmupNs", m.warmupNs)
                    .putLongs("samplesNs", m.samplesNs)
                    .put("freqBeforeKHz", m.freqBeforeKHz).put("freqAfterKHz", m.freqAfterKHz)
                    .put("thermalBefore", thermalBefore).put("thermalAfter", thermalAfter);
        } catch (Exception e) {
            return new JsonLine().put("type", "error").put("kernel", k.key).put("file", k.file)
                    .put("message", String.valueOf(e.getMessage()).replace('\n', ' '));
        }
    }

    static JsonLine header(AgentOptions o, DeviceProbe probe, OrtEnvironment env, int kernels, int alreadyDone) {
        int[] cpus = probe.cpus();
        long[] cpuIds = new long[cpus.length];
        for (int i = 0; i < cpus.length; i++) {
            cpuIds[i] = cpus[i];
        }
        return new JsonLine().put("type", "header").put("protocol", PROTOCOL).put("agentVersion", VERSION)
                .put("ortVersion", env.getVersion())
                .put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"))
                .put("android", OrtLoader.isAndroid()).put("vendor", System.getProperty("java.vendor")).put("simulated", probe.simulated())
                .put("osArch", System.getProperty("os.arch")).put("availableProcessors", Runtime.getRuntime().availableProcessors())
                .put("cpus", cpuIds).put("threads", o.threads).put("warmup", o.warmup).put("minReps", o.minReps)
                .put("maxReps", o.maxReps).put("maxSeconds", o.maxSeconds).put("optLevel", o.optLevel)
                .put("ep", o.ep).put("ortExpected", o.expectOrt)
                .put("kernels", kernels).put("alreadyDone", alreadyDone).put("startedAtMs", System.currentTimeMillis());
    }
}
