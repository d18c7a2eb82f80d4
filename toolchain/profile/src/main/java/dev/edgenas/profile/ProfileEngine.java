package dev.edgenas.profile;

import dev.edgenas.ir.KernelKey;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.MeasurementPolicy;
import java.util.List;
import java.util.Map;

/**
 * Profiling on devices attached to other machines (edgenas-scaleout: a Spark device farm), found by ServiceLoader
 * on the class path the CLI extends for {@code profile --engine NAME}. Each device runs the same
 * {@link TableProfiler} as a local run; the engine only decides where each batch of kernels runs.
 */
public interface ProfileEngine {
    String name();

    /**
     * Measures {@code keys} on devices of {@code config}'s backend kind.
     *
     * @param settings engine settings from the command line (for Spark: {@code master} and Spark properties)
     * @return one table per device that measured, by device id; together they hold every key
     */
    Map<String, LatencyTable> profile(BackendConfig config, MeasurementPolicy policy, List<KernelKey> keys,
                                      Map<String, String> settings);
}
