package dev.edgenas.android;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of "adb devices -l": serial, state (device, offline, unauthorized, ...) and the
 * key:value attributes that follow (usb, product, model, device, transport_id).
 */
public record AdbDeviceInfo(String serial, String state, Map<String, String> attributes) {
    public AdbDeviceInfo {
        attributes = Map.copyOf(attributes);
    }

    public boolean online() {
        return state.equals("device");
    }

    public String model() {
        return attributes.getOrDefault("model", "");
    }

    public String product() {
        return attributes.getOrDefault("product", "");
    }

    /** Parses the whole output of "adb devices -l"; header and daemon messages are skipped. */
    public static List<AdbDeviceInfo> parseDevicesList(String output) {
        List<AdbDeviceInfo> out = new ArrayList<>();
        for (String line : output.split("\r?\n")) {
            if (line.isBlank() || line.startsWith("List of devices") || line.startsWith("*")
                    || line.startsWith("adb server")) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            if (parts.length < 2) {
                continue;
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            int i = 2;
            // States such as "no permissions (...)" span several words; attributes contain a colon.
            StringBuilder state = new StringBuilder(parts[1]);
            while (i < parts.length && !parts[i].contains(":")) {
                state.append(' ').append(parts[i++]);
            }
            for (; i < parts.length; i++) {
                int colon = parts[i].indexOf(':');
                if (colon > 0) {
                    attrs.put(parts[i].substring(0, colon), parts[i].substring(colon + 1));
                }
            }
            out.add(new AdbDeviceInfo(parts[0], state.toString(), attrs));
        }
        return out;
    }
}
