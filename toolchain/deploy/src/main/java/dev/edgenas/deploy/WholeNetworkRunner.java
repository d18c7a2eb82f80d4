package dev.edgenas.deploy;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Runs a float network whole, deployed as the target deploys it, and reports its latency: what
 * {@code table validate --device D --platform P} compares a device table with. Found with
 * {@link ServiceLoader} (listed in {@code META-INF/services/dev.edgenas.deploy.WholeNetworkRunner}), so the CLI
 * names no device: a target adds whole-network validation by adding a runner.
 */
public interface WholeNetworkRunner {
    /** Short name for reports, e.g. gap8-gvsoc. */
    String name();

    /** Whether this runner times networks for {@code --device device --platform platform} (platform may be null). */
    boolean supports(String device, String platform);

    /** Why it cannot run on this machine now (a missing simulator), or null. */
    String unavailable();

    /** Facts for the report's provenance (simulator, SDK commit, compiler, clocks). */
    Map<String, String> facts();

    /**
     * Deploys {@code fp32} for the target in {@code work} (a folder it owns) and runs it once whole.
     * Throws an EdgenasException naming the network when the run fails.
     */
    Result run(String name, ModelProto fp32, Path work);

    /**
     * One whole run.
     *
     * @param ms          latency at the target's clock
     * @param cycles      device cycles (null where the device has none)
     * @param layers      per layer of the deployed network, in execution order: name and cycles
     * @param wallSeconds host wall time of the run (build and simulation)
     */
    record Result(double ms, Long cycles, List<Layer> layers, String checksum, double wallSeconds) {
    }

    record Layer(String name, long cycles) {
    }

    /** The runner for a device and platform, if any. */
    static Optional<WholeNetworkRunner> find(String device, String platform) {
        for (WholeNetworkRunner r : ServiceLoader.load(WholeNetworkRunner.class)) {
            if (r.supports(device, platform)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
