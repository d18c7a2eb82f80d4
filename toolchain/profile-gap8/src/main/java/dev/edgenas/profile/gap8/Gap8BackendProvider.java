package dev.edgenas.profile.gap8;

import dev.edgenas.gap8.Gap8RunReport;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.profile.BackendConfig;
import dev.edgenas.profile.BackendOptions;
import dev.edgenas.profile.DeviceBackend;
import dev.edgenas.profile.DeviceBackendProvider;
import dev.edgenas.profile.DeviceSpec;
import dev.edgenas.profile.Discovery;
import dev.edgenas.profile.DryRun;
import dev.edgenas.profile.FoundDevice;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

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

    @Override
    public BackendOptions profileOptions() {
        return new Gap8ProfileOptions();
    }

    @Override
    public Object discoveryOptions() {
        return new Gap8DiscoveryOptions();
    }

    /** Serial ports whose firmware sends HELLO while we listen; silent ones listed with their USB identity. */
    @Override
    public Discovery discover(Object options) {
        Gap8DiscoveryOptions o = (Gap8DiscoveryOptions) options;
        List<FoundDevice> out = new ArrayList<>();
        for (Map<String, Object> port : Gap8SerialProbe.probe(Gap8SerialProbe.ports(o.ports), o.baud, o.listenMs)) {
            boolean hello = port.containsKey("platform");
            String identity = hello ? port.get("chip") + " firmware " + port.get("firmwareHash") + ", " + port.get("platform")
                    + ", FC " + ((Long) port.get("fcHz")) / 1_000_000 + " MHz, cluster " + ((Long) port.get("clHz")) / 1_000_000
                    + " MHz" : "unidentified serial port " + port.get("usb");
            out.add(new FoundDevice(NAME + ":" + port.get("port"), "serial port, listened for HELLO: " + port.get("status"),
                    identity, Map.of("serial", port), !hello ? null : p -> p.platform().equals(NAME) && p.facts() != null
                    && Objects.equals(port.get("platform"), p.facts().get("gap8Platform")) && p.clocksHz() != null
                    && Objects.equals(port.get("clHz"), p.clocksHz().get("cluster"))));
        }
        return new Discovery(out, List.of());
    }

    /** GAP8's en_* kernels are int8. */
    @Override
    public String defaultPrecision() {
        return "int8";
    }

    @Override
    public void check(BackendConfig config) {
        Gap8Settings.of(config); // usage errors (fp32, missing port) before the space is built
    }

    @Override
    public Map<String, String> unsupported(Collection<KernelKey> keys, BackendConfig config) {
        return Gap8Tables.unsupported(keys, Gap8Settings.of(config));
    }

    @Override
    public Optional<DryRun> dryRun(Supplier<List<KernelKey>> keys, BackendConfig config) {
        if (!Boolean.parseBoolean(config.option(Gap8Settings.DRY_RUN, "false"))) {
            return Optional.empty();
        }
        Gap8RunReport r = Gap8Tables.dryRun(keys.get(), config);
        return Optional.of(new DryRun(r.runDir().toString(), r.commands(), r.unsupported(), r.warnings()));
    }
}
