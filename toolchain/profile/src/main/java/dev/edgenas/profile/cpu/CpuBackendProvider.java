package dev.edgenas.profile.cpu;

import dev.edgenas.profile.BackendConfig;
import dev.edgenas.profile.DeviceBackend;
import dev.edgenas.profile.DeviceBackendProvider;
import dev.edgenas.profile.DeviceSpec;

/** {@code --device cpu}: this machine's CPU through ONNX Runtime, in process. */
public final class CpuBackendProvider implements DeviceBackendProvider {
    public static final String NAME = "cpu";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "this machine's CPU via ONNX Runtime (in process; options: optLevel)";
    }

    @Override
    public boolean supports(DeviceSpec spec) {
        return NAME.equals(spec.backend()) && (spec.target() == null || spec.target().isEmpty());
    }

    @Override
    public DeviceBackend create(BackendConfig config) {
        return new CpuBackend(config);
    }
}
