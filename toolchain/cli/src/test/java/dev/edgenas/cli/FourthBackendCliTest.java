package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.ExitCode;
import dev.edgenas.core.Json;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.profile.BackendConfig;
import dev.edgenas.profile.BackendOptions;
import dev.edgenas.profile.DeviceBackend;
import dev.edgenas.profile.DeviceBackendProvider;
import dev.edgenas.profile.DeviceSpec;
import dev.edgenas.profile.Discovery;
import dev.edgenas.profile.FakeDevice;
import dev.edgenas.profile.FoundDevice;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Option;

/**
 * A fourth device backend, only on the test class path and registered through ServiceLoader the way a
 * plug-in jar registers (a META-INF/services file), profiles through the CLI with an option of its own:
 * the CLI names no backend, so adding one needs no CLI edit. Its device reports each kernel at the time
 * given by its option, so the table shows the option reached the backend.
 */
class FourthBackendCliTest {
    @TempDir
    Path dir;

    @Test
    void aBackendFromTheClassPathBringsItsOptionsAndProfiles() throws Exception {
        Path model = dir.resolve("tiny.onnx");
        assertEquals(0, CliRunner.run("model", "build", "--preset", "tiny", "--out", model.toString()).code());
        Path out = dir.resolve("bench.json");
        CliRunner.Result r = withPlugin(() -> CliRunner.run("profile", "--device", "bench", "--bench-ms", "2.5",
                "--model", model.toString(), "--out", out.toString(), "--json", "--no-progress", "--calibrate", "0"));
        assertEquals(0, r.code(), r.err());
        LatencyTable t = LatencyTable.read(out);
        assertTrue(t.complete());
        assertEquals("bench", t.provenance().deviceId());
        assertTrue(t.size() > 0);
        t.entries().forEach((k, e) -> assertEquals(2.5, e.median(), 1e-9, k));
        // the table's provenance records the backend's own option among the run's effective options
        assertEquals("2.5", t.provenance().origin().run().options().get("--bench-ms"));

        // its options are listed, refused with another backend, and its discovery is asked
        assertTrue(withPlugin(() -> CliRunner.run("profile", "--help")).out().contains("--bench-ms"));
        CliRunner.Result wrong = withPlugin(() -> CliRunner.run("profile", "--device", "cpu", "--bench-ms", "1",
                "--model", model.toString(), "--out", dir.resolve("x.json").toString()));
        assertEquals(ExitCode.USAGE.code(), wrong.code(), wrong.err());
        assertTrue(wrong.err().contains("--bench-ms is a bench option"), wrong.err());
        CliRunner.Result list = withPlugin(() -> CliRunner.run("profile", "--list-devices", "--json"));
        assertTrue(Json.readTreeString(list.out()).has("bench"), list.out());
        CliRunner.Result found = withPlugin(() -> CliRunner.run("devices", "--json", "--bench-rack", "rack7",
                "--listen-ms", "1", "--adb", dir.resolve("no-adb").toString()));
        assertEquals(0, found.code(), found.err());
        List<String> ids = new ArrayList<>();
        for (JsonNode d : Json.readTreeString(found.out()).get("devices")) {
            ids.add(d.get("device").asText());
        }
        assertTrue(ids.contains("bench:rack7"), ids.toString());

        // without the plug-in the option is unknown (the CLI itself holds nothing of it)
        assertEquals(ExitCode.USAGE.code(), CliRunner.run("profile", "--device", "bench", "--bench-ms", "1").code());
    }

    /** Runs with a class loader that lists TestBackendProvider in META-INF/services, as a plug-in jar would. */
    private <T> T withPlugin(Supplier<T> body) throws Exception {
        Path root = dir.resolve("plugin");
        Path services = root.resolve("META-INF/services/" + DeviceBackendProvider.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, TestBackendProvider.class.getName() + "\n");
        Thread th = Thread.currentThread();
        ClassLoader before = th.getContextClassLoader();
        try (URLClassLoader plugin = new URLClassLoader(new URL[] {root.toUri().toURL()}, before)) {
            th.setContextClassLoader(plugin);
            return body.get();
        } finally {
            th.setContextClassLoader(before);
        }
    }

    /** The test-only backend: "bench" devices whose kernels take --bench-ms each. */
    public static final class TestBackendProvider implements DeviceBackendProvider {
        @Override
        public String name() {
            return "bench";
        }

        @Override
        public String description() {
            return "a test bench device whose kernels take --bench-ms";
        }

        @Override
        public boolean supports(DeviceSpec spec) {
            return spec.backend().equals("bench");
        }

        @Override
        public DeviceBackend create(BackendConfig config) {
            double ms = Double.parseDouble(config.option("ms", "1"));
            return new FakeDevice(config.device().id(), 0, () -> ms); // prints what a device of that speed would
        }

        @Override
        public BackendOptions profileOptions() {
            return new Options();
        }

        @Override
        public Object discoveryOptions() {
            return new Rack();
        }

        @Override
        public Discovery discover(Object options) {
            String rack = ((Rack) options).rack;
            return new Discovery(List.of(new FoundDevice("bench:" + rack, "test rack", "bench", Map.of(), null)), List.of());
        }
    }

    public static final class Options implements BackendOptions {
        @Option(names = "--bench-ms", defaultValue = "1", description = "bench: each kernel's time")
        double ms;

        @Override
        public Map<String, String> settings() {
            return Map.of("ms", Double.toString(ms));
        }
    }

    public static final class Rack {
        @Option(names = "--bench-rack", defaultValue = "rack0", description = "bench: the rack to look in")
        String rack;
    }
}
