package dev.edgenas.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.android.AdbClient;
import dev.edgenas.android.sim.AdbdSimulator;
import dev.edgenas.android.sim.DeviceDescription;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.MeasurementPolicy;
import dev.edgenas.models.DeepLabConfigs;
import dev.edgenas.models.DeepLabV3PlusBuilder;
import dev.edgenas.profile.BackendConfig;
import dev.edgenas.profile.DeviceBackend;
import dev.edgenas.profile.DeviceBackends;
import dev.edgenas.profile.DeviceSpec;
import dev.edgenas.profile.SpaceSource;
import dev.edgenas.profile.TableProfiler;
import dev.edgenas.profile.gap8.Gap8Settings;
import dev.edgenas.profile.gap8.Gap8Tables;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device farm: a standalone cluster whose worker 1 holds the simulated GAP8 board (host-sim firmware on a
 * socat pty pair) as Spark resource {@code gap8} and worker 2 the simulated phone (adbd simulator behind the real
 * adb client) as {@code android}. Each profile's kernel batches run on the worker with the device and give the
 * same table entries as profiling the same device locally (entries, not timings).
 */
class DeviceFarmTest {
    @TempDir
    static Path tmp;
    static StandaloneCluster cluster;
    static AdbdSimulator phone;
    static AdbClient adb;
    static int adbPort;
    static Path model;

    /** A few repetitions and a loose stopping rule: entries, not timings, are compared. */
    static final MeasurementPolicy POLICY = new MeasurementPolicy(1, 3, 3, 0.5, 0.95, 3, true, 4);

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            adbPort = s.getLocalPort();
        }
        adb = new AdbClient(Path.of("/usr/bin/adb"), adbPort,
                Map.of("HOME", Files.createDirectories(tmp.resolve("home")).toString()), Duration.ofMinutes(2));
        phone = AdbdSimulator.start(0, tmp.resolve("phone"), DeviceDescription.typical());
        adb.connect(phone.serial());
        model = tmp.resolve("tiny.onnx");
        OnnxModels.write(DeepLabV3PlusBuilder.build(DeepLabConfigs.tiny(), 3), model);
        Path gap8 = script("gap8", "host-sim");
        Path android = script("android", phone.serial());
        cluster = StandaloneCluster.start(tmp.resolve("cluster"), 2,
                "--worker-conf", "1:spark.worker.resource.gap8.amount=1",
                "--worker-conf", "1:spark.worker.resource.gap8.discoveryScript=" + gap8,
                "--worker-conf", "2:spark.worker.resource.android.amount=1",
                "--worker-conf", "2:spark.worker.resource.android.discoveryScript=" + android);
    }

    /** A worker's discovery script: what `edgenas devices --spark-resource KIND` prints on a machine with it. */
    static Path script(String kind, String address) throws Exception {
        Path s = tmp.resolve("discover-" + kind + ".sh");
        Files.writeString(s, "#!/bin/sh\necho '{\"name\":\"" + kind + "\",\"addresses\":[\"" + address + "\"]}'\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
        return s;
    }

    /** Applications a worker has started executors for (one folder each). */
    static long apps(int worker) throws Exception {
        try (var s = Files.list(cluster.dir.resolve("worker-" + worker))) {
            return s.filter(p -> p.getFileName().toString().startsWith("app-")).count();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (phone != null) {
            phone.stop();
        }
        if (adb != null) {
            adb.killServer();
        }
    }

    @Test
    void gap8BoardOnWorkerOneGivesTheLocalEntries() throws Exception {
        BackendConfig config = new BackendConfig(new DeviceSpec("gap8", null), 0, "int8",
                Map.of(Gap8Settings.PLATFORM, "host-sim", Gap8Settings.REPS, "3",
                        Gap8Settings.WORK_DIR, tmp.resolve("g8-work").toString()));
        List<KernelKey> all = SpaceSource.kernelsOf(List.of(model), "int8");
        Map<String, String> unsupported = Gap8Tables.unsupported(all, Gap8Settings.of(config));
        List<KernelKey> keys = all.stream().filter(k -> !unsupported.containsKey(k.canonical())).limit(8).toList();
        compare(config, keys, 1);
    }

    @Test
    void phoneOnWorkerTwoGivesTheLocalEntries() throws Exception {
        BackendConfig config = new BackendConfig(new DeviceSpec("android", phone.serial()), 1, "fp32",
                Map.of("adbServerPort", Integer.toString(adbPort), "reps", "3"));
        compare(config, SpaceSource.kernelsOf(List.of(model), "fp32").stream().limit(8).toList(), 2);
    }

    /** @param worker the worker that holds the device: the only one that may run the profile's executors */
    private static void compare(BackendConfig config, List<KernelKey> keys, int worker) throws Exception {
        assertFalse(keys.isEmpty());
        LatencyTable local;
        try (DeviceBackend b = DeviceBackends.forSpec(config.device()).create(config)) {
            local = new TableProfiler(b, POLICY, config.precision(), new TableProfiler.Listener() { })
                    .run(keys, tmp.resolve("local-" + config.device().backend() + ".json"));
        }
        long[] before = {apps(1), apps(2)};
        Map<String, LatencyTable> farm = new DeviceFarm().profile(config, POLICY, keys, Map.of("master", cluster.url));
        assertEquals(before[worker - 1] + 1, apps(worker), "the device's worker ran the batches");
        assertEquals(before[2 - worker], apps(3 - worker), "the other worker ran nothing");
        assertEquals(1, farm.size(), farm.keySet().toString());
        LatencyTable t = farm.values().iterator().next();
        assertEquals(local.entries().keySet(), t.entries().keySet());
        assertEquals(keys.size(), t.entries().size());
        assertTrue(t.complete());
        assertEquals(local.provenance().deviceId(), t.provenance().deviceId());
        assertEquals(local.provenance().simulated(), t.provenance().simulated());
    }
}
