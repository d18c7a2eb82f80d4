package dev.edgenas.profile;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.latency.MeasurementPolicy;
import dev.edgenas.latency.ReferenceWorkload;
import dev.edgenas.latency.TableEntry;
import dev.edgenas.models.DeepLabConfigs;
import dev.edgenas.models.DeepLabV3PlusBuilder;
import dev.edgenas.profile.cpu.CpuBackend;
import dev.edgenas.runtime.OrtSettings;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The reference workload of a desktop-CPU table: the default DeepLabV3+ architecture (DeepLabConfigs.defaultConfig,
 * seeded weights, fixed, independent of any trained model) timed end to end with the table's threads and
 * optimisation level, for at most about half a second. A whole network of the searched size rather than single
 * kernels or a tiny network: under load, kernels timed in a loop keep their data hot in L1/L2 and barely slow down,
 * and the tiny preset (0.35 ms) fits in L2 too — its factor said 0.975 while held-out networks ran 19 % slower than
 * calibrated — whereas networks of the space stream their weights through the shared L3 that neighbours thrash
 * (docs/LATENCY-TABLES.md). The workload has to feel what the networks feel.
 */
public final class ReferenceWorkloads {
    static final String NAME = "deeplabv3plus-default (DeepLabConfigs.defaultConfig, seed 0), end to end";

    /** 2 % CI or 0.5 s. */
    static final MeasurementPolicy POLICY = new MeasurementPolicy(5, 15, 400, 0.02, 0.95, 0.5, true, 1);

    private static ModelProto model;

    private ReferenceWorkloads() {
    }

    private static synchronized ModelProto model() {
        if (model == null) {
            model = DeepLabV3PlusBuilder.build(DeepLabConfigs.defaultConfig(), 0);
        }
        return model;
    }

    /** Whether a table's reference is this workload (a table of another tool version may carry another one). */
    public static boolean isThis(ReferenceWorkload r) {
        return r != null && r.keys().equals(List.of(NAME));
    }

    /** Measures the workload now with the given session settings. */
    public static ReferenceWorkload measure(OrtSettings settings) {
        String load = dev.edgenas.core.HostInfo.loadAverage();
        Map<String, TableEntry> m = TableValidator.measure(List.of(new TableValidator.Network(NAME, model())),
                settings, POLICY, i -> { });
        return new ReferenceWorkload(List.of(NAME), m.get(NAME).median(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), load);
    }
}
