package dev.edgenas.profile;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds device backends on the class path. */
public final class DeviceBackends {
    private DeviceBackends() {
    }

    /** The backends on the class path: the default one (this machine) first, then by name, whatever the jar order. */
    public static List<DeviceBackendProvider> available() {
        List<DeviceBackendProvider> out = new ArrayList<>();
        ServiceLoader.load(DeviceBackendProvider.class).forEach(out::add);
        out.sort(java.util.Comparator.comparing((DeviceBackendProvider p) -> !p.isDefault())
                .thenComparing(DeviceBackendProvider::name));
        return out;
    }

    /** The backend {@code --device} means when not given. */
    public static DeviceBackendProvider defaultProvider() {
        return available().stream().filter(DeviceBackendProvider::isDefault).findFirst().orElseThrow(
                () -> new EdgenasException(ExitCode.USAGE, "--device: no default backend on the class path; give one"));
    }

    /** The provider that supports the device; a USAGE error listing the known backends otherwise. */
    public static DeviceBackendProvider forSpec(DeviceSpec spec) {
        List<DeviceBackendProvider> all = available();
        return all.stream().filter(p -> p.supports(spec)).findFirst().orElseThrow(() -> new EdgenasException(
                ExitCode.USAGE, "--device " + spec.id() + ": no backend for it; available: "
                + String.join(", ", all.stream().map(DeviceBackendProvider::name).toList())));
    }
}
