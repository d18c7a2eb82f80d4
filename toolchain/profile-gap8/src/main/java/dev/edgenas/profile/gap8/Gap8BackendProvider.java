package dev.edgenas.profile.gap8;

import dev.edgenas.profile.BackendConfig;
import dev.edgenas.profile.DeviceBackend;
import dev.edgenas.profile.DeviceBackendProvider;
import dev.edgenas.profile.DeviceSpec;

/** {@code --device gap8[:PORT]}: int8 kernels on a GAP8 board, GVSOC or the host-sim, in cluster cycles. */
public final class Gap8BackendProvider implements DeviceBackendProvider {
    public static final String NAME = "gap8";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "GreenWaves GAP8 over its UART, int8 only, in cluster cycles (gap8:PORT; options: platform "
                + "board|gvsoc|host-sim, sdk, board, baud, fcMhz, clMhz, reps)";
    }

    @Override
    public boolean supports(DeviceSpec spec) {
        return NAME.equals(spec.backend());
    }

    @Override
    public DeviceBackend create(BackendConfig config) {
        return Gap8Backend.connect(config, System.err::println);
    }
}
