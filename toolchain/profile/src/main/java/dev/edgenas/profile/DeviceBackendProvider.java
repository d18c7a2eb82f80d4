package dev.edgenas.profile;

/**
 * A device backend plug-in, discovered with {@link java.util.ServiceLoader}: a module adds a backend by
 * implementing this interface and listing the class in
 * {@code META-INF/services/dev.edgenas.profile.DeviceBackendProvider}. Each backend passes the
 * contract tests of {@code DeviceBackendContractTest} (edgenas-profile test-jar).
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
}
