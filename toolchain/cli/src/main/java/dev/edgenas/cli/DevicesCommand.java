package dev.edgenas.cli;

import dev.edgenas.profile.DeviceBackendProvider;
import dev.edgenas.profile.DeviceBackends;
import dev.edgenas.profile.Discovery;
import dev.edgenas.profile.FoundDevice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"List the devices edgenas can profile on, how each was found, its identity, and whether a latency "
            + "table exists for it (and how old it is).",
            "This CPU always; Android devices from 'adb devices -l' plus their getprop/cpufreq facts; serial ports whose "
                + "GAP8 firmware sends the edgenas HELLO while edgenas listens."},
        footer = {"%nExamples:", "  edgenas devices", "  edgenas devices --json --ports /dev/ttyUSB1 --listen-ms 5000",
            "Each device backend finds its own devices and adds the options it looks with."},
        modelTransformer = BackendMixins.Devices.class)
final class DevicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--tables", defaultValue = "latency-tables", description = "Where tables are looked for (default ${DEFAULT-VALUE}).")
    Path tables;

    @Option(names = "--spark-resource", paramLabel = "KIND",
            description = "Print only Spark's resource-discovery JSON for one kind of device (a backend name, e.g. gap8 "
                    + "or android): {\"name\":KIND,\"addresses\":[...]} with the devices that backend can profile as "
                    + "found (GAP8 ports answering HELLO, online adb serials): a Spark worker's discoveryScript "
                    + "(docs/SCALE-OUT.md).")
    String sparkResource;

    @Override
    public Integer call() {
        if (sparkResource != null) {
            return sparkResource();
        }
        TableIndex index = new TableIndex(tables);
        List<Map<String, Object>> devices = new ArrayList<>();
        List<String> notes = new ArrayList<>(index.problems());
        for (DeviceBackendProvider p : DeviceBackends.available()) {
            Discovery found = p.discover(BackendMixins.of(spec, p.name()));
            found.devices().forEach(d -> devices.add(row(d, index)));
            notes.addAll(found.notes());
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
        DeviceBackendProvider p = DeviceBackends.available().stream().filter(b -> b.name().equals(sparkResource))
                .findFirst().orElseThrow(() -> new dev.edgenas.core.EdgenasException(dev.edgenas.core.ExitCode.USAGE,
                        "--spark-resource: unknown '" + sparkResource + "' (" + String.join(" or ",
                                DeviceBackends.available().stream().map(DeviceBackendProvider::name).toList()) + ")"));
        Discovery found = p.discover(BackendMixins.of(spec, p.name()));
        List<String> addresses = new ArrayList<>();
        String prefix = p.name() + ":";
        for (FoundDevice d : found.devices()) {
            // profilable as found (HELLO heard, facts read) and addressed by the device spec after "KIND:"
            if (d.table() != null && d.device().startsWith(prefix)) {
                addresses.add(d.device().substring(prefix.length()));
            }
        }
        found.notes().forEach(n -> System.err.println("edgenas: devices: " + n));
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

    private static Map<String, Object> row(FoundDevice f, TableIndex index) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("device", f.device());
        d.put("foundBy", f.foundBy());
        d.put("identity", f.identity());
        d.putAll(f.details());
        if (f.table() != null) {
            d.put("table", TableIndex.describe(index.newest(f.table())));
        }
        return d;
    }
}
