package dev.edgenas.cli;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.MeasurementPolicy;
import dev.edgenas.profile.BackendConfig;
import dev.edgenas.profile.ProfileEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code profile --engine spark}: the kernels measured on a device farm (docs/SCALE-OUT.md). Writes one table per
 * device that measured: {@code --out} itself when one device did, else {@code --out}'s name + the device id.
 */
final class FarmProfile {
    private FarmProfile() {
    }

    static int run(EngineOptions engine, BackendConfig config, MeasurementPolicy policy, List<KernelKey> keys,
                   Path out, CommonOptions common) {
        if (out == null) {
            throw new EdgenasException(ExitCode.USAGE, "--engine spark: give the table file with --out");
        }
        long t0 = System.nanoTime();
        ProfileEngine farm = ScaleOut.provider(ProfileEngine.class, engine.engine);
        Map<String, String> settings = new LinkedHashMap<>(engine.sparkConf);
        settings.put("master", engine.master);
        Map<String, LatencyTable> tables = farm.profile(config, policy, keys, settings);
        List<Map<String, Object>> written = new ArrayList<>();
        StringBuilder h = new StringBuilder();
        for (Map.Entry<String, LatencyTable> e : tables.entrySet()) {
            Path file = tables.size() == 1 ? out : out.resolveSibling(out.getFileName().toString()
                    .replaceAll("\\.json$", "") + "-" + e.getKey().replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
            e.getValue().write(file);
            written.add(Map.of("device", e.getKey(), "table", file.toString(), "entries", e.getValue().size()));
            h.append(String.format("%s: %d entries -> %s%n", e.getKey(), e.getValue().size(), file));
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("tables", written);
        r.put("kernels", keys.size());
        r.put("seconds", (System.nanoTime() - t0) / 1e9);
        common.print(r, h.toString().stripTrailing());
        return 0;
    }
}
