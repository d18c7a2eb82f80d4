package dev.edgenas.scaleout;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.MeasurementPolicy;
import dev.edgenas.profile.BackendConfig;
import dev.edgenas.profile.ProfileEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code profile --engine spark}: a device farm. Workers advertise their boards and phones as Spark custom
 * resources named after the backend ({@code gap8}, {@code android}; discovery: {@code edgenas devices
 * --spark-resource}); every kernel batch (the profile's group size) is a task asking for one such device, so
 * Spark places it on a worker that holds one and re-runs it elsewhere when that worker is lost. The driver
 * merges the batches measured on the same device into that device's table.
 */
public final class DeviceFarm implements ProfileEngine {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Map<String, LatencyTable> profile(BackendConfig config, MeasurementPolicy policy, List<KernelKey> keys,
                                             Map<String, String> settings) {
        String kind = config.device().backend();
        Map<String, String> props = new LinkedHashMap<>(settings);
        String master = props.remove("master");
        if (master == null || master.startsWith("local[") || master.equals("local")) {
            throw new EdgenasException(ExitCode.USAGE, "--master " + master + ": a device farm needs workers with "
                    + "device resources (spark://HOST:PORT or local-cluster[...]); local[N] has no custom resources");
        }
        // one device per executor and per task: a batch holds its board or phone for as long as it runs
        props.putIfAbsent("spark.executor.resource." + kind + ".amount", "1");
        props.putIfAbsent("spark.task.resource." + kind + ".amount", "1");
        SparkConf conf = SparkConfs.of("edgenas-profile-" + kind, master, props);
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += policy.groupSize()) {
            batches.add(keys.subList(i, Math.min(keys.size(), i + policy.groupSize())).stream()
                    .map(KernelKey::canonical).toList());
        }
        List<String> flat = batches.stream().flatMap(List::stream).toList();
        List<String> results;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            results = sc.parallelize(flat, Math.max(1, batches.size())).mapPartitions(new KernelBatchTask(config, policy))
                    .collect();
        } catch (EdgenasException e) {
            throw e;
        } catch (Exception e) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, "device farm on " + master + ": " + e.getMessage(), e);
        }
        return merge(results, keys);
    }

    /** Batch tables by device: each device's entries in one table, complete when all keys are measured. */
    static Map<String, LatencyTable> merge(List<String> results, List<KernelKey> keys) {
        Map<String, LatencyTable> byDevice = new TreeMap<>();
        try {
            Path tmp = Files.createTempFile("edgenas-batch-", ".json");
            try {
                for (String r : results) {
                    int nl = r.indexOf('\n');
                    Files.writeString(tmp, r.substring(nl + 1));
                    LatencyTable t = LatencyTable.read(tmp);
                    String id = t.provenance().deviceId();
                    byDevice.merge(id, t, (a, b) -> a.withEntries(b.entries()));
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int measured = byDevice.values().stream().mapToInt(t -> t.entries().size()).sum();
        if (measured < keys.size()) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, "device farm: " + measured + " of " + keys.size()
                    + " kernels came back");
        }
        Map<String, LatencyTable> out = new TreeMap<>();
        byDevice.forEach((id, t) -> out.put(id, t.withComplete(true)));
        return out;
    }
}
