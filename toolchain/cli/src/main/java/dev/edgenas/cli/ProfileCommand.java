package dev.edgenas.cli;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.MeasurementPolicy;
import dev.edgenas.latency.TableEntry;
import dev.edgenas.profile.BackendConfig;
import dev.edgenas.profile.BackendOptions;
import dev.edgenas.profile.DeviceBackend;
import dev.edgenas.profile.DeviceBackendProvider;
import dev.edgenas.profile.DeviceBackends;
import dev.edgenas.profile.DeviceSpec;
import dev.edgenas.profile.DryRun;
import dev.edgenas.profile.SpaceSource;
import dev.edgenas.profile.TableName;
import dev.edgenas.profile.TableProfiler;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "profile", mixinStandardHelpOptions = true,
        description = {"Measure every kernel of a search space (or of given models) on a device and write a latency table.",
            "Interrupted runs resume: run the same command again and only missing entries are measured."},
        footer = {"%nExamples:", "  edgenas profile --device cpu --space default --out latency-tables/cpu-x86.json",
            "  edgenas profile --device cpu --threads 1 --model m1.onnx --model m2.onnx --out /tmp/t.json",
            "  edgenas profile --device gap8 --port /dev/ttyUSB1 --sdk ~/gap_sdk --space default",
            "  edgenas profile --device gap8 --platform host-sim --space default      (host timings, not GAP8 latency)",
            "  edgenas profile --device android --serial R58M12ABC --ort-aar onnxruntime-android-1.29.0.aar --cores big",
            "  edgenas profile --list-devices",
            "Each device backend adds its own options (those above that start with its name).",
            "Options of another backend than --device's are a usage error."},
        modelTransformer = BackendMixins.Profile.class)
final class ProfileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--device", description = "BACKEND[:TARGET], a backend of --list-devices (default: this machine's CPU).")
    String device;

    @Option(names = "--list-devices", description = "List the device backends on the class path and exit (attached devices: edgenas devices).")
    boolean listDevices;

    @Option(names = "--threads", defaultValue = "0", description = "Threads (or cluster cores) kernels run with (0 = all cores, as deployment).")
    int threads;

    @Option(names = "--precision", description = "fp32 or int8 (default: the backend's, int8 where only int8 kernels run).")
    String precision;

    @ArgGroup(exclusive = true)
    Source source;

    static final class Source {
        @Option(names = "--space", description = "Search space: 'default' (models/deeplabv3plus-portrait.onnx; the "
                + "default when neither --space nor --model is given) or a pretrained DeepLabV3+ .onnx.")
        String space;

        @Option(names = "--model", description = "Profile the kernels of these models instead (repeatable).")
        List<Path> models;
    }

    @Option(names = "--out", description = "Table file (JSON); an incomplete one is resumed, a complete one reused. "
            + "Default: a name from the device (host CPU: by CPU, cores, ONNX Runtime, threads, opt level and precision, "
            + "in this host's table cache $EDGENAS_HOME/tables/; other devices: under --tables).")
    Path out;

    @Option(names = "--tables", defaultValue = "latency-tables", description = "Folder of the default table names (default ${DEFAULT-VALUE}).")
    Path tables;

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

    @Option(names = "--calibrate", defaultValue = "30", description = "Host CPU: after the kernels, measure this many random "
            + "subnetworks of the space end to end and fit a whole-network correction of the kernel sum (0 = off; kept "
            + "when the table already has one of this size; default ${DEFAULT-VALUE}).")
    int calibrate;

    @Option(names = "--reps", description = "Devices that time many runs per start (firmware, phone agent): timed "
            + "repetitions per kernel in one run (default: the backend's).")
    Integer reps;

    @Mixin
    EngineOptions engine;

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
        DeviceSpec device = device();
        DeviceBackendProvider provider = DeviceBackends.forSpec(device);
        String prec = precision != null ? precision : provider.defaultPrecision();
        if (!prec.equals("fp32") && !prec.equals("int8")) {
            throw new EdgenasException(ExitCode.USAGE, "--precision " + prec + ": fp32 or int8");
        }
        BackendConfig config = new BackendConfig(device, threads, prec, options(provider));
        provider.check(config); // usage errors (precision, a missing port) before the space is built
        defaults();
        MeasurementPolicy policy;
        try {
            policy = new MeasurementPolicy(warmup, minSamples, maxSamples, targetCi, 0.95, maxSeconds, true, groupSize);
        } catch (IllegalArgumentException e) {
            throw new EdgenasException(ExitCode.USAGE, e.getMessage());
        }
        Optional<DryRun> dry = provider.dryRun(() -> keys(prec), config);
        if (dry.isPresent()) {
            return dryRun(dry.get());
        }
        if (!engine.local()) { // a device farm: batches on the devices of Spark workers (docs/SCALE-OUT.md)
            List<KernelKey> all = keys(prec);
            Map<String, String> skip = provider.unsupported(all, config);
            return FarmProfile.run(engine, config, policy, all.stream().filter(k -> !skip.containsKey(k.canonical()))
                    .toList(), out, common);
        }
        long t0 = System.nanoTime();
        LatencyTable table;
        Path file;
        List<KernelKey> keys;
        Map<String, String> unsupported;
        // connect first: a missing SDK, port, adb or phone fails in seconds, before the space is enumerated
        try (DeviceBackend backend = provider.create(config)) {
            keys = keys(prec);
            unsupported = provider.unsupported(keys, config);
            List<KernelKey> measured = keys.stream().filter(k -> !unsupported.containsKey(k.canonical())).toList();
            file = out != null ? out : defaultFile(backend.defaultTable());
            try (ProgressBar bar = Progress.bar("profile " + device.id(), measured.size(), common.progress())) {
                table = new TableProfiler(backend, policy, prec, new TableProfiler.Listener() {
                    @Override
                    public void started(int total, int alreadyMeasured) {
                        reused = alreadyMeasured;
                        bar.stepTo(alreadyMeasured);
                    }

                    @Override
                    public void entryDone(String key, TableEntry entry) {
                        bar.step();
                    }
                }).withInputs(SpaceSource.inputs(source.models, source.space))
                        .decorating(backend::checkpoint).run(measured, file);
            }
            table = calibrate(table, file, provider);
            LatencyTable finished = backend.finish(table, unsupported);
            if (finished != table) {
                table = finished;
                table.write(file);
            }
        }
        return report(table, file, keys.size(), unsupported, (System.nanoTime() - t0) / 1e9);
    }

    /** The device's default table: this host's cache for a table of this machine, --tables otherwise. Said in one line. */
    private Path defaultFile(TableName name) {
        if (!name.hostCache()) {
            return tables.resolve(name.fileName());
        }
        Path p = TableNames.cacheDir().resolve(name.fileName());
        System.err.println("edgenas: profile: --out " + p + " (this host's table in the cache)");
        return p;
    }

    /** The whole-network calibration (cpu, --space): measured unless the table has one of the asked size. */
    private LatencyTable calibrate(LatencyTable table, Path file, DeviceBackendProvider provider) {
        if (calibrate <= 0 || !provider.calibratesInProcess() || source.space == null) {
            return table;
        }
        if (table.calibration() != null && table.calibration().networks().size() == calibrate) {
            return table;
        }
        long t0 = System.nanoTime();
        dev.edgenas.models.space.SearchSpace space = SpaceSource.space(source.space, note -> { });
        try (ProgressBar bar = Progress.bar("calibrate", calibrate, common.progress())) {
            table = dev.edgenas.profile.TableCalibrator.calibrate(table, space, calibrate,
                    Int8Networks.forPrecision(table.provenance().precision(), table.provenance().threads()), bar::stepTo);
        }
        table.write(file);
        calibrationSeconds = (System.nanoTime() - t0) / 1e9;
        return table;
    }

    private double calibrationSeconds;

    /** Kernels already in the table when the run started (a complete cached table: all of them). */
    private int reused;

    /** --space default without a source. Said in one line. */
    private void defaults() {
        int least = dev.edgenas.latency.Calibration.TERMS.size() + 2;
        if (calibrate != 0 && calibrate < least) {
            throw new EdgenasException(ExitCode.USAGE, "--calibrate " + calibrate + ": 0 (off) or at least " + least
                    + " networks");
        }
        List<String> chose = new java.util.ArrayList<>();
        if (source == null) {
            source = new Source();
            source.space = "default";
            chose.add("--space default");
        }
        if (!chose.isEmpty()) {
            System.err.println("edgenas: profile: " + String.join(", ", chose));
        }
    }

    private List<KernelKey> keys(String prec) {
        return source.models != null ? SpaceSource.kernelsOf(source.models, prec)
                : SpaceSource.kernelsOf(SpaceSource.space(source.space, note -> System.err.println("edgenas: " + note)), prec);
    }

    private int report(LatencyTable table, Path file, int requested, Map<String, String> unsupported, double seconds) {
        long capped = table.entries().values().stream().filter(TableEntry::capped).count();
        var p = table.provenance();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("table", file.toString());
        r.put("device", p.deviceId());
        r.put("simulated", p.simulated());
        r.put("entries", table.size());
        r.put("requestedKeys", requested);
        r.put("unsupportedCount", unsupported.size());
        r.put("unsupported", unsupported);
        r.put("reusedEntries", reused);
        r.put("calibrationSeconds", calibrationSeconds);
        r.put("calibration", table.calibration() == null ? null : Map.of("form", table.calibration().form(),
                "networks", table.calibration().networks().size(), "rmspeRaw", table.calibration().rmspeRaw(),
                "rmspeFit", table.calibration().rmspeFit(), "cvRmspe", table.calibration().cvRmspe()));
        r.put("seconds", seconds);
        r.put("overheadMs", table.overheadMs());
        r.put("medianRelativeCi", table.medianRelativeCi());
        r.put("cappedEntries", capped);
        StringBuilder h = new StringBuilder(String.format("%s: %d entries (%d keys requested, %d unsupported, %d already "
                        + "in the table) in %.1f s; per-run overhead %.4f ms; median CI +-%.2f %%; %d entries stopped by the "
                        + "cap", file, table.size(), requested, unsupported.size(), reused, seconds, table.overheadMs(), 100 * table.medianRelativeCi(), capped));
        if (table.calibration() != null) {
            var c = table.calibration();
            h.append(String.format("%n  calibration (%s on %d networks%s): %s; RMSPE on them %.1f %% raw -> %.1f %% "
                    + "calibrated; leave-one-out RMSPE by form: %s", c.form(), c.networks().size(),
                    calibrationSeconds > 0 ? String.format(", measured in %.1f s", calibrationSeconds) : ", kept",
                    c.describe(), 100 * c.rmspeRaw(), 100 * c.rmspeFit(), String.join(", ", c.cvRmspe().entrySet()
                            .stream().map(e -> String.format("%s %.1f %%", e.getKey(), 100 * e.getValue())).toList())));
        }
        unsupported.forEach((k, why) -> h.append(String.format("%n  unsupported %s: %s", k, why)));
        if (p.simulated()) {
            h.append(String.format("%n  SIMULATED device (%s): host timings, not the latency of the real device", p.deviceDescription()));
        }
        common.print(r, h.toString());
        return 0;
    }

    private int dryRun(DryRun report) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("runDir", report.runDir());
        r.put("commands", report.commands());
        r.put("unsupportedCount", report.unsupported().size());
        r.put("unsupported", report.unsupported());
        r.put("warnings", report.warnings());
        StringBuilder h = new StringBuilder("dry run: projects in " + report.runDir() + "; commands:");
        report.commands().forEach(c -> h.append(System.lineSeparator()).append("  ").append(c));
        report.unsupported().forEach((k, why) -> h.append(String.format("%n  unsupported %s: %s", k, why)));
        report.warnings().forEach(w -> h.append(String.format("%n  warning: %s", w)));
        common.print(r, h.toString());
        return 0;
    }

    /**
     * --device BACKEND[:TARGET], the target also given by the backend's own option (--port, --serial); options
     * of other backends are a usage error naming the first one.
     */
    private DeviceSpec device() {
        DeviceSpec s = device != null ? DeviceSpec.parse(device) : new DeviceSpec(DeviceBackends.defaultProvider().name(), null);
        var parsed = spec.commandLine().getParseResult();
        for (var o : spec.options()) {
            String owner = BackendMixins.owner(spec, o.longestName());
            if (owner != null && !owner.equals(s.backend()) && parsed.hasMatchedOption(o.longestName())) {
                throw new EdgenasException(ExitCode.USAGE, "--device " + s.id() + ": " + o.longestName() + " is a "
                        + owner + " option (it needs --device " + owner + ")");
            }
        }
        BackendOptions own = BackendMixins.of(spec, s.backend()) instanceof BackendOptions b ? b : null;
        String given = own == null ? null : own.target();
        if (given == null) {
            return s;
        }
        if (s.target() != null && !s.target().isEmpty() && !s.target().equals(given)) {
            throw new EdgenasException(ExitCode.USAGE, "--device " + device + " names target " + s.target()
                    + " but " + own.targetOption() + " says " + given + ": give one");
        }
        return new DeviceSpec(s.backend(), given);
    }

    /** The backend's own options as settings, with --reps. */
    private Map<String, String> options(DeviceBackendProvider provider) {
        Map<String, String> o = new LinkedHashMap<>();
        if (BackendMixins.of(spec, provider.name()) instanceof BackendOptions b) {
            o.putAll(b.settings());
        }
        if (reps != null) {
            o.put("reps", Integer.toString(reps));
        }
        return o;
    }
}
