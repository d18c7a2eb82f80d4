package dev.edgenas.profile;

import dev.edgenas.ir.KernelKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A device backend plug-in, discovered with {@link java.util.ServiceLoader}: a module adds a backend by
 * implementing this interface and listing the class in
 * {@code META-INF/services/dev.edgenas.profile.DeviceBackendProvider}. Each backend passes the
 * contract tests of {@code DeviceBackendContractTest} (edgenas-profile test-jar).
 *
 * <p>The backend owns everything about its device the commands need: its options
 * ({@link #profileOptions()}, {@link #discoveryOptions()}), how its devices are found
 * ({@link #discover}), what it cannot run ({@link #unsupported}), and (once connected) its table's
 * default name and finishing ({@link DeviceBackend}). The CLI names no backend, so a new one needs
 * no CLI edit.
 */
public interface DeviceBackendProvider {
    /** Short unique name, the BACKEND of {@code --device BACKEND[:TARGET]}: cpu, android, gap8. */
    String name();

    /** One line for {@code edgenas profile --list-devices}. */
    String description();

    /** Whether this backend handles the device (normally: the spec names this backend). */
    boolean supports(DeviceSpec spec);

    /**
     * Connects to the device. Unreachable devices throw an EdgenasException with
     * ExitCode.DEVICE_UNREACHABLE naming the device and what to check.
     */
    DeviceBackend create(BackendConfig config);

    /** True for the backend {@code --device} means when not given (this machine). */
    default boolean isDefault() {
        return false;
    }

    /** A fresh object holding this backend's {@code profile} options (picocli fields), or null for none. */
    default BackendOptions profileOptions() {
        return null;
    }

    /** A fresh object holding this backend's {@code devices} options (picocli fields), or null for none. */
    default Object discoveryOptions() {
        return null;
    }

    /** The devices of this backend attached now; {@code options} is {@link #discoveryOptions()}' object, parsed. */
    default Discovery discover(Object options) {
        return Discovery.none();
    }

    /** The precision tables are profiled in when none is asked for. */
    default String defaultPrecision() {
        return "fp32";
    }

    /** Checks the settings before any work (a missing port, an unsupported precision): a USAGE error naming the option. */
    default void check(BackendConfig config) {
    }

    /** Kernels the device cannot run, with the reason; they are reported and never sent to it. */
    default Map<String, String> unsupported(Collection<KernelKey> keys, BackendConfig config) {
        return Map.of();
    }

    /**
     * When the settings ask for a dry run: what a run over the kernels would do, having run nothing; empty
     * otherwise (then the kernels are not enumerated).
     */
    default Optional<DryRun> dryRun(Supplier<List<KernelKey>> keys, BackendConfig config) {
        return Optional.empty();
    }

    /**
     * Whether whole networks can be timed in this process on this device, so that a table of a space
     * can be calibrated end to end ({@link TableCalibrator}); true only for the host's own CPU.
     */
    default boolean calibratesInProcess() {
        return false;
    }
}
