package dev.edgenas.cli;

import dev.edgenas.android.AdbClient;
import dev.edgenas.android.AdbDeviceInfo;
import dev.edgenas.android.AndroidDeviceFacts;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.HostInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"List the devices edgenas can profile on, how each was found, its identity, and whether a latency "
            + "table exists for it (and how old it is).",
            "This CPU always; Android devices from 'adb devices -l' plus their getprop/cpufreq facts; serial ports whose "
                + "GAP8 firmware sends the edgenas HELLO while edgenas listens."},
        footer = {"%nExamples:", "  edgenas devices", "  edgenas devices --json --ports /dev/ttyUSB1 --listen-ms 5000"})
final class DevicesCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--adb", description = "adb client (default /usr/bin/adb, then PATH).")
    Path adb;

    @Option(names = "--adb-server-port", description = "adb server port (default $ANDROID_ADB_SERVER_PORT or 5037).")
    Integer adbServerPort;

    @Option(names = "--ports", split = ",", description = "Serial ports to listen on, besides every ttyUSB/ttyACM port found.")
    List<String> ports = new ArrayList<>();

    @Option(names = "--listen-ms", defaultValue = "1500", description = "How long to listen on each serial port for HELLO (default ${DEFAULT-VALUE}).")
    long listenMs;

    @Option(names = "--baud", defaultValue = "115200", description = "Serial baud rate (default ${DEFAULT-VALUE}).")
    int baud;

    @Option(names = "--tables", defaultValue = "latency-tables", description = "Where tables are looked for (default ${DEFAULT-VALUE}).")
    Path tables;

    @Option(names = "--spark-resource", paramLabel = "gap8|android",
            description = "Print only Spark's resource-discovery JSON for this kind of device ({\"name\":\"gap8\","
                    + "\"addresses\":[ports answering HELLO]} or online adb serials): a Spark worker's "
                    + "discoveryScript (docs/SCALE-OUT.md).")
    String sparkResource;

    @Override
    public Integer call() {
        if (sparkResource != null) {
            return sparkResource();
        }
        TableIndex index = new TableIndex(tables);
        List<Map<String, Object>> devices = new ArrayList<>();
        List<String> notes = new ArrayList<>(index.problems());
        devices.add(cpu(index));
        android(index, devices, notes);
        for (Map<String, Object> port : SerialProbe.probe(SerialProbe.ports(ports), baud, listenMs)) {
            devices.add(gap8(port, index));
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("devices", devices);
        r.put("tables", tables.toString());
        r.put("notes", notes);
        StringBuilder h = new StringBuilder();
        for (Map<String, Object> d : devices) {
            @SuppressWarnings("unchecked")
            Map<String, Object> t = (Map<String, Object>) d.get("table");
            h.append(String.format("%-28s %s%n    found: %s%n    %s%n", d.get("device"), d.get("identity"), d.get("foundBy"),
                    t == null ? "not profilable as is" : TableIndex.human(t)));
        }
        notes.forEach(n -> h.append("note: ").append(n).append(System.lineSeparator()));
        common.print(r, h.toString().stripTrailing());
        return 0;
    }

    /** A Spark custom resource: the devices of one kind on this machine that can take a profiling task now. */
    private int sparkResource() {
        List<String> addresses = new ArrayList<>();
        switch (sparkResource) {
            case "gap8" -> {
                for (Map<String, Object> port : SerialProbe.probe(SerialProbe.ports(ports), baud, listenMs)) {
                    if (port.containsKey("platform")) {
                        addresses.add(String.valueOf(port.get("port")));
                    }
                }
            }
            case "android" -> {
                List<Map<String, Object>> found = new ArrayList<>();
                List<String> notes = new ArrayList<>();
                android(new TableIndex(tables), found, notes);
                for (Map<String, Object> d : found) {
                    if (d.containsKey("facts")) {
                        addresses.add(String.valueOf(d.get("device")).substring("android:".length()));
                    }
                }
                notes.forEach(n -> System.err.println("edgenas: devices: " + n));
            }
            default -> throw new EdgenasException(dev.edgenas.core.ExitCode.USAGE, "--spark-resource: unknown '"
                    + sparkResource + "' (gap8 or android)");
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", sparkResource);
        r.put("addresses", addresses);
        // Spark reads the script's whole stdout as this one JSON object, --json or not
        try {
            common.out().println(dev.edgenas.core.Json.MAPPER.writer()
                    .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        common.out().flush();
        return 0;
    }

    private static Map<String, Object> cpu(TableIndex index) {
        String model = HostInfo.cpuModel();
        Map<String, Object> d = device("cpu", "always (this machine)", model + ", "
                + Runtime.getRuntime().availableProcessors() + " cores");
        d.put("table", TableIndex.describe(index.newest(p -> p.platform().equals("desktop-cpu") && p.cpuModel().equals(model))));
        return d;
    }

    private void android(TableIndex index, List<Map<String, Object>> devices, List<String> notes) {
        AdbClient client;
        try {
            int port = adbServerPort != null ? adbServerPort : envPort();
            client = new AdbClient(AdbClient.locate(adb), port, Map.of(), Duration.ofSeconds(30));
        } catch (EdgenasException e) {
            notes.add("Android: " + e.getMessage());
            return;
        }
        List<AdbDeviceInfo> list;
        try {
            list = client.devices();
        } catch (EdgenasException e) {
            notes.add("Android: adb devices failed: " + e.getMessage());
            return;
        }
        for (AdbDeviceInfo info : list) {
            Map<String, Object> d = device("android:" + info.serial(), "adb devices -l (" + info.state() + ")",
                    info.model().isEmpty() ? info.state() : info.model());
            if (info.online()) {
                try {
                    AndroidDeviceFacts f = AndroidDeviceFacts.read(client, info.serial());
                    d.put("identity", f.model() + " (" + f.board() + ", " + f.abi() + ", SDK " + f.sdk() + ", "
                            + f.cpuCount() + " CPUs in " + f.clusters().size() + " clusters" + (f.simulated() ? ", SIMULATED" : "") + ")");
                    d.put("facts", f);
                    d.put("table", TableIndex.describe(index.newest(p -> p.platform().equals("android") && p.facts() != null
                            && f.model().equals(p.facts().get("model")))));
                } catch (EdgenasException e) {
                    d.put("identity", "facts unreadable: " + e.getMessage());
                }
            }
            devices.add(d);
        }
    }

    private static int envPort() {
        String env = System.getenv("ANDROID_ADB_SERVER_PORT");
        return env != null && env.matches("\\d+") ? Integer.parseInt(env) : 0;
    }

    private static Map<String, Object> gap8(Map<String, Object> port, TableIndex index) {
        boolean hello = port.containsKey("platform");
        Map<String, Object> d = device("gap8:" + port.get("port"), "serial port, listened for HELLO: " + port.get("status"),
                hello ? port.get("chip") + " firmware " + port.get("firmwareHash") + ", " + port.get("platform") + ", FC "
                        + ((Long) port.get("fcHz")) / 1_000_000 + " MHz, cluster " + ((Long) port.get("clHz")) / 1_000_000
                        + " MHz" : "unidentified serial port " + port.get("usb"));
        d.put("serial", port);
        if (hello) {
            d.put("table", TableIndex.describe(index.newest(p -> p.platform().equals("gap8") && p.facts() != null
                    && Objects.equals(port.get("platform"), p.facts().get("gap8Platform")) && p.clocksHz() != null
                    && Objects.equals(port.get("clHz"), p.clocksHz().get("cluster")))));
        }
        return d;
    }

    private static Map<String, Object> device(String id, String foundBy, String identity) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("device", id);
        d.put("foundBy", foundBy);
        d.put("identity", identity);
        return d;
    }
}
