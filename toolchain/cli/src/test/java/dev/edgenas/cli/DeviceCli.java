package dev.edgenas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.Json;

/** Runs the CLI in-process for the device tests: {@link CliRunner} (EdgenasCli lists {@code devices} now). */
final class DeviceCli {
    private DeviceCli() {
    }

    static CliRunner.Result run(String... args) {
        return CliRunner.run(args);
    }

    /** The entry of a {@code devices --json} run whose "device" is {@code id} (e.g. gap8:/dev/pts/3), or null. */
    static JsonNode device(CliRunner.Result devices, String id) {
        JsonNode found = null;
        for (JsonNode d : Json.readTreeString(devices.out()).get("devices")) {
            if (d.get("device").asText().equals(id)) {
                found = d;
            }
        }
        return found;
    }
}
