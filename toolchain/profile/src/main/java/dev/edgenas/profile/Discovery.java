package dev.edgenas.profile;

import java.util.List;

/**
 * What a backend's discovery found: the devices, and notes on what it could not look at (no adb client, a
 * port it could not open).
 */
public record Discovery(List<FoundDevice> devices, List<String> notes) {
    public Discovery {
        devices = List.copyOf(devices);
        notes = List.copyOf(notes);
    }

    public static Discovery none() {
        return new Discovery(List.of(), List.of());
    }
}
