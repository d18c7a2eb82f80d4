package dev.edgenas.profile.cpu;

import dev.edgenas.runtime.OrtEnv;
import ai.onnxruntime.OrtEnvironment;
import dev.edgenas.core.HostInfo;
import dev.edgenas.profile.BackendConfig;
import dev.edgenas.profile.DeviceBackend;
import dev.edgenas.profile.DeviceFacts;
import dev.edgenas.profile.KernelProfiler;
import dev.edgenas.profile.SampleLines;
import dev.edgenas.profile.SampleParser;
import dev.edgenas.profile.TableName;
import dev.edgenas.latency.HostIdentity;
import dev.edgenas.runtime.OrtSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/** The desktop CPU: kernels run in this process in ONNX Runtime with the deployment's session settings. */
public final class CpuBackend implements DeviceBackend {
    private final OrtSettings settings;
    private final DeviceFacts facts;
    private final CpuProfiler profiler;
    private final String precision;

    CpuBackend(BackendConfig config) {
        this.settings = new OrtSettings(config.threads() <= 0 ? Runtime.getRuntime().availableProcessors()
                : config.threads(), config.option(CpuOptions.OPT_LEVEL, "ALL_OPT"));
        this.profiler = new CpuProfiler(settings, config.device().id());
        this.facts = readFacts(config, settings, profiler.profilerFloorNs());
        this.precision = config.precision();
    }

    /** This host's table in the host's cache, named by CPU, cores, ONNX Runtime, threads, opt level and precision. */
    @Override
    public TableName defaultTable() {
        return new TableName(HostIdentity.current(OrtEnv.get().getVersion()).tableFileName(settings.threads(),
                settings.optLevel(), precision), true);
    }

    public OrtSettings settings() {
        return settings;
    }

    @Override
    public DeviceFacts facts() {
        return facts;
    }

    @Override
    public KernelProfiler profiler() {
        return profiler;
    }

    @Override
    public SampleParser parser() {
        return SampleLines::parse;
    }

    @Override
    public void close() {
        profiler.close();
    }

    private static DeviceFacts readFacts(BackendConfig config, OrtSettings s, long floorNs) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("loadAverageAtStart", dev.edgenas.core.HostInfo.loadAverage());
        extra.put("timing", "ONNX Runtime per-node profiler, kernel nodes only (layout reorders and ctx.* excluded)");
        extra.put("profilerFloorNsPerNode", Long.toString(floorNs));
        String cpu = HostInfo.cpuModel();
        int cores = Runtime.getRuntime().availableProcessors();
        return new DeviceFacts(config.device().id(), cpu + ", " + cores + " cores", "desktop-cpu", false, cpu, cores,
                HostInfo.governor(), HostInfo.cpuMhz(), null, "onnxruntime",
                OrtEnv.get().getVersion(), s.threads(), s.optLevel(), extra);
    }
}
