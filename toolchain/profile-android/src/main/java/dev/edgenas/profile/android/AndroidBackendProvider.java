package dev.edgenas.profile.android;

import dev.edgenas.profile.BackendConfig;
import dev.edgenas.profile.BackendOptions;
import dev.edgenas.profile.Discovery;
import dev.edgenas.profile.DeviceBackend;
import dev.edgenas.profile.DeviceBackendProvider;
import dev.edgenas.profile.DeviceSpec;

/** {@code --device android[:SERIAL]}: single-kernel ONNX models timed by the edgenas agent on a phone over adb. */
public final class AndroidBackendProvider implements DeviceBackendProvider {
    public static final String NAME = "android";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "an Android phone over adb, ONNX Runtime on its CPU (android:SERIAL; options: adb, adbServerPort, "
                + "ortAar, cores big|little|all|MASK, reps)";
    }

    @Override
    public boolean supports(DeviceSpec spec) {
        return NAME.equals(spec.backend());
    }

    @Override
    public DeviceBackend create(BackendConfig config) {
        return AndroidBackend.connect(config, System.err::println);
    }

    @Override
    public BackendOptions profileOptions() {
        return new AndroidProfileOptions();
    }

    @Override
    public Object discoveryOptions() {
        return new AndroidDiscoveryOptions();
    }

    @Override
    public Discovery discover(Object options) {
        return AndroidDiscovery.discover((AndroidDiscoveryOptions) options);
    }
}
