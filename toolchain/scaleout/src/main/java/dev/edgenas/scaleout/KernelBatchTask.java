package dev.edgenas.scaleout;

import dev.edgenas.ir.KernelKey;
import dev.edgenas.latency.MeasurementPolicy;
import dev.edgenas.profile.BackendConfig;
import dev.edgenas.profile.DeviceBackend;
import dev.edgenas.profile.DeviceBackends;
import dev.edgenas.profile.DeviceSpec;
import dev.edgenas.profile.TableProfiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * One kernel batch as a Spark task holding one device (a custom resource, e.g. {@code gap8}): the device's
 * backend and the shared {@link TableProfiler} measure the batch into a table, returned as its JSON. Spark
 * gives the task the device's address (a serial port, an adb serial) from the worker's discovery script.
 */
final class KernelBatchTask implements FlatMapFunction<Iterator<String>, String> {
    private static final long serialVersionUID = 1L;
    /** Platforms that make their own device (a pseudo-terminal pair, a simulator): the address only names it. */
    private static final List<String> SELF_MADE = List.of("host-sim", "gvsoc");
    private final String backend;
    private final int threads;
    private final String precision;
    private final HashMap<String, String> options;
    private final String policyJson;

    KernelBatchTask(BackendConfig c, MeasurementPolicy policy) throws Exception {
        this.backend = c.device().backend();
        this.threads = c.threads();
        this.precision = c.precision();
        this.options = new HashMap<>(c.options());
        this.policyJson = dev.edgenas.core.Json.MAPPER.writeValueAsString(policy);
    }

    @Override
    public Iterator<String> call(Iterator<String> keys) throws Exception {
        List<KernelKey> batch = new java.util.ArrayList<>();
        keys.forEachRemaining(k -> batch.add(KernelKey.parse(k)));
        if (batch.isEmpty()) {
            return List.<String>of().iterator();
        }
        String address = TaskContext.get().resources().get(backend).get().addresses()[0];
        boolean selfMade = SELF_MADE.contains(options.getOrDefault("platform", ""));
        DeviceSpec spec = new DeviceSpec(backend, selfMade ? null : address);
        Map<String, String> o = new HashMap<>(options);
        Path dir = Files.createTempDirectory("edgenas-batch-");
        if (o.containsKey("workDir")) {
            o.put("workDir", dir.resolve("work").toString()); // one build folder per task, not shared
        }
        MeasurementPolicy policy = dev.edgenas.core.Json.MAPPER.readValue(policyJson, MeasurementPolicy.class);
        Path out = dir.resolve("batch.json");
        try (DeviceBackend b = DeviceBackends.forSpec(spec).create(new BackendConfig(spec, threads, precision, o))) {
            new TableProfiler(b, policy, precision, new TableProfiler.Listener() { }).run(batch, out);
        }
        return List.of(address + "\n" + Files.readString(out)).iterator();
    }
}
