package dev.edgenas.cli;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.MeasurementPolicy;
import dev.edgenas.latency.TableEntry;
import dev.edgenas.profile.BackendConfig;
import dev.edgenas.profile.DeviceBackend;
import dev.edgenas.profile.DeviceBackendProvider;
import dev.edgenas.profile.DeviceBackends;
import dev.edgenas.profile.DeviceSpec;
import dev.edgenas.profile.SpaceSource;
import dev.edgenas.profile.TableProfiler;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "profile", mixinStandardHelpOptions = true,
        description = {"Measure every kernel of a search space (or of given models) on a device and write a latency table.",
            "Interrupted runs resume: run the same command again and only missing entries are measured."},
        footer = {"%nExamples:", "  edgenas profile --device cpu --space default --out latency-tables/cpu-x86.json",
            "  edgenas profile --device cpu --threads 1 --model m1.onnx --model m2.onnx --out /tmp/t.json",
            "  edgenas profile --list-devices"})
final class ProfileCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--device", defaultValue = "cpu", description = "BACKEND[:TARGET], e.g. cpu (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--list-devices", description = "List the device backends on the class path and exit.")
    boolean listDevices;

    @Option(names = "--threads", defaultValue = "0", description = "Threads kernels run with (0 = all cores, as deployment).")
    int threads;

    @Option(names = "--precision", defaultValue = "fp32", description = "fp32 or int8 (default ${DEFAULT-VALUE}).")
    String precision;

    @ArgGroup(exclusive = true)
    Source source;

    static final class Source {
        @Option(names = "--space", description = "Search space: 'default' (models/deeplabv3plus-portrait.onnx) or a pretrained DeepLabV3+ .onnx.")
        String space;

        @Option(names = "--model", description = "Profile the kernels of these models instead (repeatable).")
        List<Path> models;
    }

    @Option(names = "--out", description = "Table file (JSON); an incomplete one is resumed. Required unless --list-devices.")
    Path out;

    @Option(names = "--opt-level", defaultValue = "ALL_OPT", description = "ONNX Runtime optimisation level (default ${DEFAULT-VALUE}).")
    String optLevel;

    @Option(names = "--target-ci", defaultValue = "0.02", description = "Stop an entry once its median's 95%% CI is within +-this (default ${DEFAULT-VALUE}).")
    double targetCi;

    @Option(names = "--max-seconds-per-entry", defaultValue = "3", description = "Time cap per entry (default ${DEFAULT-VALUE}).")
    double maxSeconds;

    @Option(names = "--min-samples", defaultValue = "15", description = "Samples before stopping (default ${DEFAULT-VALUE}).")
    int minSamples;

    @Option(names = "--max-samples", defaultValue = "400", description = "Sample cap per entry (default ${DEFAULT-VALUE}).")
    int maxSamples;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed runs before each burst (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--group-size", defaultValue = "16", description = "Kernels interleaved between checkpoints (default ${DEFAULT-VALUE}).")
    int groupSize;

    @Override
    public Integer call() {
        if (listDevices) {
            StringBuilder sb = new StringBuilder();
            Map<String, String> r = new LinkedHashMap<>();
            for (DeviceBackendProvider p : DeviceBackends.available()) {
                r.put(p.name(), p.description());
                sb.append(String.format("%-10s %s%n", p.name(), p.description()));
            }
            common.print(r, sb.toString().stripTrailing());
            return 0;
        }
        if (source == null || out == null) {
            throw new EdgenasException(ExitCode.USAGE, "give --out TABLE.json and --space NAME or --model FILE...");
        }
        MeasurementPolicy policy;
        try {
            policy = new MeasurementPolicy(warmup, minSamples, maxSamples, targetCi, 0.95, maxSeconds, true, groupSize);
        } catch (IllegalArgumentException e) {
            throw new EdgenasException(ExitCode.USAGE, e.getMessage());
        }
        List<KernelKey> keys = source.models != null ? SpaceSource.kernelsOf(source.models, precision)
                : SpaceSource.kernelsOf(SpaceSource.space(source.space, note -> System.err.println("edgenas: " + note)), precision);
        DeviceSpec spec = DeviceSpec.parse(device);
        long t0 = System.nanoTime();
        LatencyTable table;
        try (DeviceBackend backend = DeviceBackends.forSpec(spec).create(
                new BackendConfig(spec, threads, precision, Map.of("optLevel", optLevel)));
             ProgressBar bar = Progress.bar("profile " + spec.id(), keys.size(), common.progress())) {
            table = new TableProfiler(backend, policy, precision, new TableProfiler.Listener() {
                @Override
                public void started(int total, int alreadyMeasured) {
                    bar.stepTo(alreadyMeasured);
                }

                @Override
                public void entryDone(String key, TableEntry entry) {
                    bar.step();
                }
            }).run(keys, out);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long capped = table.entries().values().stream().filter(TableEntry::capped).count();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("table", out.toString());
        r.put("entries", table.size());
        r.put("requestedKeys", keys.size());
        r.put("seconds", seconds);
        r.put("overheadMs", table.overheadMs());
        r.put("medianRelativeCi", table.medianRelativeCi());
        r.put("cappedEntries", capped);
        common.print(r, String.format("%s: %d entries (%d keys requested) in %.1f s; per-run overhead %.4f ms; "
                        + "median CI +-%.2f %%; %d entries stopped by the cap", out, table.size(), keys.size(), seconds,
                table.overheadMs(), 100 * table.medianRelativeCi(), capped));
        return 0;
    }
}
