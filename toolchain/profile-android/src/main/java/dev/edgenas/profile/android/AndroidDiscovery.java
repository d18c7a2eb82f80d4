package dev.edgenas.profile.android;

import dev.edgenas.android.AdbClient;
import dev.edgenas.android.AdbDeviceInfo;
import dev.edgenas.android.AndroidDeviceFacts;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.profile.Discovery;
import dev.edgenas.profile.FoundDevice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Android devices from {@code adb devices -l}, each online one with its getprop/cpufreq facts. */
final class AndroidDiscovery {
    private AndroidDiscovery() {
    }

    static Discovery discover(AndroidDiscoveryOptions o) {
        AdbClient client;
        try {
            int port = o.adbServerPort != null ? o.adbServerPort : envPort();
            client = new AdbClient(AdbClient.locate(o.adb), port, Map.of(), Duration.ofSeconds(30));
        } catch (EdgenasException e) {
            return new Discovery(List.of(), List.of("Android: " + e.getMessage()));
        }
        List<AdbDeviceInfo> list;
        try {
            list = client.devices();
        } catch (EdgenasException e) {
            return new Discovery(List.of(), List.of("Android: adb devices failed: " + e.getMessage()));
        }
        List<FoundDevice> out = new ArrayList<>();
        for (AdbDeviceInfo info : list) {
            String id = AndroidBackendProvider.NAME + ":" + info.serial();
            String foundBy = "adb devices -l (" + info.state() + ")";
            String identity = info.model().isEmpty() ? info.state() : info.model();
            if (!info.online()) {
                out.add(new FoundDevice(id, foundBy, identity, Map.of(), null));
                continue;
            }
            try {
                AndroidDeviceFacts f = AndroidDeviceFacts.read(client, info.serial());
                out.add(new FoundDevice(id, foundBy, f.model() + " (" + f.board() + ", " + f.abi() + ", SDK " + f.sdk() + ", "
                        + f.cpuCount() + " CPUs in " + f.clusters().size() + " clusters" + (f.simulated() ? ", SIMULATED" : "")
                        + ")", Map.of("facts", f), p -> p.platform().equals("android") && p.facts() != null
                        && f.model().equals(p.facts().get("model"))));
            } catch (EdgenasException e) {
                out.add(new FoundDevice(id, foundBy, "facts unreadable: " + e.getMessage(), Map.of(), null));
            }
        }
        return new Discovery(out, List.of());
    }

    private static int envPort() {
        String env = System.getenv("ANDROID_ADB_SERVER_PORT");
        return env != null && env.matches("\\d+") ? Integer.parseInt(env) : 0;
    }
}
