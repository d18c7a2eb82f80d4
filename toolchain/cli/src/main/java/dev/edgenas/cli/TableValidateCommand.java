package dev.edgenas.cli;

import dev.edgenas.core.AtomicFiles;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.deploy.WholeNetworkRunner;
import dev.edgenas.core.Json;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.ValidationStats;
import dev.edgenas.models.space.Genome;
import dev.edgenas.models.space.SearchSpace;
import dev.edgenas.profile.SpaceSource;
import dev.edgenas.profile.TableValidator;
import dev.edgenas.profile.ValidationReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Measure random subnetworks of the search space end to end and compare with the table's predictions:",
            "share within +-5 %% and +-10 %%, RMSPE, Spearman rank correlation, worst cases.",
            "Networks the table's calibration was fitted on are left out; with a calibration, raw and calibrated figures "
                + "are reported side by side; with a reference workload, the machine-state factor (now vs when profiled) "
                + "and the figures without it. An int8 table is compared with the networks' deployed int8 form "
                + "(deploy's quantizer, uint8 activations).",
            "With --device (and --platform), a device that runs whole deployed networks (gap8 on gvsoc) deploys and runs "
                + "each network once; a run is checkpointed per network under --work-dir, so a killed validation resumes."},
        footer = {"%nExamples:", "  edgenas table validate --table latency-tables/cpu-x86.json --samples 50 --report latency-tables/cpu-x86.validation",
            "  edgenas table validate --table t.json --model models/deeplabv3plus-portrait.onnx --samples 20 --json",
            "  edgenas table validate --device gap8 --platform gvsoc --table gap8-gvsoc-gapuino-fc250-cl175.json \\",
            "      --model models/deeplabv3plus-portrait.onnx --networks 10 --report work/gap8-validation"})
final class TableValidateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--table", required = true, description = "Latency table (this machine's CPU, or the --device's): a path, or a file name in latency-tables/ or $EDGENAS_HOME/tables/.")
    Path table;

    @Option(names = "--samples", defaultValue = "50", description = "Random subnetworks to measure (default ${DEFAULT-VALUE}); the full network is always one of them.")
    int samples;

    @Option(names = "--networks", description = "The same as --samples (the name whole-network devices use).")
    Integer networks;

    @Option(names = "--device", description = "Validate on a device that runs whole deployed networks (gap8) instead of this CPU.")
    String device;

    @Option(names = "--platform", description = "The --device's platform (gap8: gvsoc).")
    String platform;

    @Option(names = "--work-dir", description = "With --device: builds and per-network checkpoints (default "
            + "$EDGENAS_HOME/validate/TABLE-DEVICE-PLATFORM-sSEED); rerun with the same folder to resume.")
    Path workDir;

    @Option(names = "--model", description = "Pretrained model whose search space is sampled (default: the default space).")
    Path model;

    @Option(names = "--seed", defaultValue = "1", description = "Sampling seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--report", description = "Write BASE.json and BASE.md.")
    Path report;

    @Option(names = "--force", description = "Replace the --report files even when edgenas did not write them.")
    boolean force;

    @Override
    public Integer call() {
        if (report != null) {
            OutGuard.text(Path.of(report + ".json"), force, "--report", "\"tableDevice\"");
            OutGuard.text(Path.of(report + ".md"), force, "--report", "# Latency table validation");
        }
        table = TableNames.resolve(table);
        if (networks != null) {
            samples = networks;
        }
        if (device != null) {
            return onDevice();
        }
        LatencyTable t = LatencyTable.readForPrediction(table);
        String hostNote = TableNames.noteForeign(table, t);
        TableValidator validator = new TableValidator(t, TableValidator.defaultPolicy());
        SearchSpace space = SpaceSource.space(model == null ? "default" : model.toString(),
                note -> System.err.println("edgenas: " + note));
        List<TableValidator.Network> nets = new ArrayList<>();
        var toRun = Int8Networks.forPrecision(t.provenance().precision(), t.provenance().threads());
        nets.add(new TableValidator.Network("full", space.subnet(space.full()), toRun.apply(space.subnet(space.full()))));
        // held out: never a network the calibration was fitted on
        Map<String, String> source = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        if (t.calibration() != null) {
            t.calibration().networks().forEach(n -> seen.add(n.name()));
        }
        int i = 1;
        for (Genome g : dev.edgenas.profile.TableCalibrator.sample(space, samples - 1, seed, seen)) {
            var m = space.subnet(g);
            nets.add(new TableValidator.Network("subnet-" + i++ + ":" + g.key(), m, toRun.apply(m)));
        }
        source.put("heldOut", t.calibration() == null ? "no calibration" : "the " + seen.size()
                + " calibration networks excluded");

        source.put("space", space.source() == null ? "default architecture, seeded weights" : space.source().toString());
        source.put("seed", Long.toString(seed));
        source.put("count", Integer.toString(nets.size()));
        ValidationReport r;
        try (ProgressBar bar = Progress.bar("validate", nets.size(), common.progress())) {
            r = validator.validate(table.toString(), nets, source, bar::stepTo);
        }
        if (report != null) {
            Json.writeFile(Path.of(report + ".json"), r);
            AtomicFiles.writeString(Path.of(report + ".md"), r.markdown());
        }
        ValidationStats s = r.stats();
        StringBuilder sb = new StringBuilder(String.format("%d networks: %.1f %% within +-5 %%, %.1f %% within +-10 %%, "
                        + "RMSPE %.2f %%, bias %+.2f %%, Spearman %.4f (load %s -> %s)", s.samples(), 100 * s.within5(),
                100 * s.within10(), 100 * s.rmspe(), 100 * s.meanError(), s.spearman(),
                r.conditions().get("loadAverageBefore"), r.conditions().get("loadAverageAfter")));
        if (r.calibrated() != null) {
            ValidationStats c = r.calibrated();
            sb.append(String.format("%ncalibrated (held-out networks): %.1f %% within +-5 %%, %.1f %% within +-10 %%, "
                    + "RMSPE %.2f %%, bias %+.2f %%, Spearman %.4f", 100 * c.within5(), 100 * c.within10(),
                    100 * c.rmspe(), 100 * c.meanError(), c.spearman()));
        }
        if (r.reference() != null) {
            var ref = r.reference();
            ValidationStats a = ref.calibratedAdjusted() != null ? ref.calibratedAdjusted() : ref.adjusted();
            sb.append(String.format("%nmachine state: reference workload %.4f ms now vs %.4f ms when profiled (factor "
                    + "%.3f); %s without it: %.1f %% within +-5 %%, %.1f %% within +-10 %%, RMSPE %.2f %%",
                    ref.nowMs(), ref.thenMs(), ref.factor(), ref.calibratedAdjusted() != null ? "calibrated" : "raw",
                    100 * a.within5(), 100 * a.within10(), 100 * a.rmspe()));
        }
        for (ValidationStats.Case c : s.worst()) {
            sb.append(String.format("%n  %+6.1f %%  predicted %8.3f ms  measured %8.3f ms  %s", 100 * c.relativeError(),
                    c.predictedMs(), c.measuredMs(), c.name()));
        }
        if (hostNote != null) {
            sb.append("\n").append(hostNote);
        }
        Map<String, Object> brief = new LinkedHashMap<>();
        brief.put("report", String.valueOf(report));
        brief.put("stats", s);
        brief.put("calibrated", r.calibrated());
        brief.put("reference", r.reference());
        common.print(report == null ? r : brief, sb.toString());
        return 0;
    }

    /** Whole deployed networks on the --device (its runner decides how a network is deployed and timed). */
    private Integer onDevice() {
        WholeNetworkRunner runner = WholeNetworkRunners.usable(device, platform);
        LatencyTable t = LatencyTable.readForPrediction(table);
        if (!device.equals(t.provenance().deviceId())) {
            throw new EdgenasException(ExitCode.BAD_INPUT, table + ": provenance.deviceId is " + t.provenance().deviceId()
                    + ", not the --device " + device);
        }
        SearchSpace space = SpaceSource.space(model == null ? "default" : model.toString(),
                note -> System.err.println("edgenas: " + note));
        Map<String, Genome> nets = new LinkedHashMap<>();
        nets.put("full", space.full());
        int i = 1;
        for (Genome g : dev.edgenas.profile.TableCalibrator.sample(space, samples - 1, seed, WholeNetworkValidation.heldOut(t))) {
            nets.put("subnet-" + i++ + ":" + g.key(), g);
        }
        Map<String, String> source = new LinkedHashMap<>();
        source.put("space", space.source() == null ? "default architecture, seeded weights" : space.source().toString());
        source.put("seed", Long.toString(seed));
        source.put("count", Integer.toString(nets.size()));
        source.put("heldOut", WholeNetworkValidation.heldOut(t).isEmpty() ? "no networks were used to time the table"
                : "the " + WholeNetworkValidation.heldOut(t).size() + " networks the table was timed in excluded");
        Path work = workDir != null ? workDir : TableNames.cacheDir().getParent().resolve("validate")
                .resolve(table.getFileName().toString().replaceAll("\\.json$", "") + "-" + device + "-" + platform + "-s" + seed);
        WholeNetworkValidation.Result r;
        try (ProgressBar bar = Progress.bar("validate", nets.size(), common.progress())) {
            r = WholeNetworkValidation.run(runner, t, table.toString(), space, nets, source, work, bar::stepTo);
        }
        if (report != null) {
            Json.writeFile(Path.of(report + ".json"), r);
            AtomicFiles.writeString(Path.of(report + ".md"), WholeNetworkValidation.markdown(r));
        }
        common.print(r, WholeNetworkValidation.summary(r));
        return 0;
    }
}
