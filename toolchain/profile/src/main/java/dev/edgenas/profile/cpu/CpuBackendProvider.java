package dev.edgenas.profile.cpu;

import dev.edgenas.core.HostInfo;
import dev.edgenas.profile.BackendConfig;
import dev.edgenas.profile.BackendOptions;
import dev.edgenas.profile.DeviceBackend;
import dev.edgenas.profile.DeviceBackendProvider;
import dev.edgenas.profile.DeviceSpec;
import dev.edgenas.profile.Discovery;
import dev.edgenas.profile.FoundDevice;
import java.util.List;
import java.util.Map;

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

    @Override
    public boolean isDefault() {
        return true;
    }

    @Override
    public BackendOptions profileOptions() {
        return new CpuOptions();
    }

    /** This CPU, always; its tables are this model's desktop-cpu tables. */
    @Override
    public Discovery discover(Object options) {
        String model = HostInfo.cpuModel();
        FoundDevice d = new FoundDevice(NAME, "always (this machine)", model + ", "
                + Runtime.getRuntime().availableProcessors() + " cores", Map.of(),
                p -> p.platform().equals("desktop-cpu") && p.cpuModel().equals(model));
        return new Discovery(List.of(d), List.of());
    }

    @Override
    public boolean calibratesInProcess() {
        return true;
    }
}
