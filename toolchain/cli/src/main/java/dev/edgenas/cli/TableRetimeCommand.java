package dev.edgenas.cli;

import dev.edgenas.core.Provenance;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.deploy.WholeNetworkRunner;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.Kernel;
import dev.edgenas.ir.KernelDetector;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.models.space.Genome;
import dev.edgenas.models.space.SearchSpace;
import dev.edgenas.profile.SpaceSource;
import dev.edgenas.profile.TableCalibrator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "retime", mixinStandardHelpOptions = true,
        description = {"Time a device table's kernels inside whole deployed networks: pick subnetworks of the space that "
            + "together contain every kernel key, deploy and run each whole on the --device (gap8 on gvsoc: the tiled "
            + "project, DMA and weight streaming included), and write a table whose entry per key is the median of "
            + "that key's layers' measured cycles. The networks are listed in the table (facts.timedIn) and never "
            + "used by table validate. Runs are checkpointed per network under --work-dir."},
        footer = {"%nExamples:", "  edgenas table retime --device gap8 --platform gvsoc --table gap8-gvsoc-gapuino-fc250-cl175.json \\",
            "      --model models/deeplabv3plus-portrait.onnx --out latency-tables/gap8-gvsoc-gapuino-fc250-cl175.json"})
final class TableRetimeCommand implements Callable<Integer> {
    /** Facts key: the genome keys of the networks the table was timed in (space-separated). */
    static final String TIMED_IN = "timedIn";

    @Mixin
    CommonOptions common;

    @Option(names = "--table", required = true, description = "The device's table (its provenance and key set are kept).")
    Path table;

    @Option(names = "--device", required = true, description = "Device that runs whole deployed networks (gap8).")
    String device;

    @Option(names = "--platform", description = "The --device's platform (gap8: gvsoc).")
    String platform;

    @Option(names = "--model", description = "Pretrained model whose search space is covered (default: the default space).")
    Path model;

    @Option(names = "--out", required = true, description = "The re-timed table (may be --table itself).")
    Path out;

    @Option(names = "--candidates", defaultValue = "300", description = "Random subnetworks the covering networks are chosen from (default ${DEFAULT-VALUE}).")
    int candidates;

    @Option(names = "--max-networks", defaultValue = "120", description = "At most this many networks are run (default ${DEFAULT-VALUE}).")
    int maxNetworks;

    @Option(names = "--seed", defaultValue = "" + TableCalibrator.SEED, description = "Sampling seed (default ${DEFAULT-VALUE}; table validate samples with its own).")
    long seed;

    @Option(names = "--work-dir", description = "Builds and per-network checkpoints (default $EDGENAS_HOME/retime/DEVICE-PLATFORM-sSEED).")
    Path workDir;

    @Override
    public Integer call() {
        WholeNetworkRunner runner = WholeNetworkRunners.usable(device, platform);
        table = TableNames.resolve(table);
        LatencyTable t = LatencyTable.read(table);
        if (!device.equals(t.provenance().deviceId())) {
            throw new EdgenasException(ExitCode.BAD_INPUT, table + ": provenance.deviceId is " + t.provenance().deviceId()
                    + ", not the --device " + device);
        }
        String precision = t.provenance().precision();
        Long hz = t.provenance().clocksHz() == null ? null : t.provenance().clocksHz().get("compute");
        if (hz == null) {
            throw new EdgenasException(ExitCode.BAD_INPUT, table + ": provenance.clocksHz.compute is missing");
        }
        SearchSpace space = SpaceSource.space(model == null ? "default" : model.toString(),
                note -> System.err.println("edgenas: " + note));
        Set<String> wanted = new HashSet<>();
        SpaceSource.kernelsOf(space, precision).forEach(k -> wanted.add(k.canonical()));
        Map<String, Genome> nets = cover(space, precision, wanted);
        Path work = workDir != null ? workDir : TableNames.cacheDir().getParent().resolve("retime")
                .resolve(device + "-" + platform + "-s" + seed);
        List<WholeNetworkRuns.Run> runs;
        try (ProgressBar bar = Progress.bar("retime", nets.size(), common.progress())) {
            runs = WholeNetworkRuns.run(runner, space, nets, precision, work, bar::stepTo);
        }
        Map<String, List<Long>> cycles = new TreeMap<>();
        for (WholeNetworkRuns.Run r : runs) {
            for (WholeNetworkRuns.LayerRun l : r.layers()) {
                if (l.key() != null) {
                    cycles.computeIfAbsent(l.key(), k -> new ArrayList<>()).add(l.cycles());
                }
            }
        }
        Provenance.Builder origin = Provenance.builder().input("latencyTable", table).seed(seed)
                .device(t.provenance().deviceId());
        if (model != null) {
            origin.input("model", model);
        }
        LatencyTable retimed = RetimedTable.of(t, cycles, hz, runner, runs, wanted, origin.build());
        retimed.write(out);
        Set<String> missing = new HashSet<>(wanted);
        missing.removeAll(cycles.keySet());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("out", out.toString());
        r.put("networks", runs.size());
        r.put("keys", cycles.size());
        r.put("spaceKeys", wanted.size());
        r.put("missing", missing);
        r.put("wallSeconds", runs.stream().mapToDouble(WholeNetworkRuns.Run::wallSeconds).sum());
        common.print(r, String.format("%s: %d keys timed in %d whole networks on %s (%d of the space's %d keys "
                        + "missing)", out, cycles.size(), runs.size(), runner.name(), missing.size(), wanted.size()));
        return 0;
    }

    /** Greedy cover: among seeded random subnetworks, repeatedly the one with the most keys not yet covered. */
    private Map<String, Genome> cover(SearchSpace space, String precision, Set<String> wanted) {
        List<Genome> pool = TableCalibrator.sample(space, candidates, seed, Set.of());
        List<Set<String>> keys = new ArrayList<>();
        for (Genome g : pool) {
            keys.add(keysOf(space, g, precision, wanted));
        }
        Set<String> left = new HashSet<>(wanted);
        Map<String, Genome> chosen = new LinkedHashMap<>();
        while (!left.isEmpty() && chosen.size() < maxNetworks) {
            int best = -1;
            int gain = 0;
            for (int i = 0; i < pool.size(); i++) {
                Set<String> k = new HashSet<>(keys.get(i));
                k.retainAll(left);
                if (k.size() > gain) {
                    gain = k.size();
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            left.removeAll(keys.get(best));
            // named by genome alone, so a wider cover (more --candidates) reuses the networks already run
            chosen.put("timing:" + pool.get(best).key(), pool.get(best));
        }
        // keys no candidate holds (rare combinations, e.g. one decoder width with one low-level width): more
        // subnetworks of the same seeded sequence, each taken when it holds one of them
        for (int n = candidates; !left.isEmpty() && chosen.size() < maxNetworks && n < 20 * candidates; n += 100) {
            List<Genome> more = TableCalibrator.sample(space, n + 100, seed, Set.of());
            for (Genome g : more.subList(Math.min(n, more.size()), more.size())) {
                Set<String> k = keysOf(space, g, precision, wanted);
                k.retainAll(left);
                if (!k.isEmpty() && chosen.size() < maxNetworks) {
                    left.removeAll(k);
                    chosen.put("timing:" + g.key(), g);
                }
            }
        }
        return chosen;
    }

    private static Set<String> keysOf(SearchSpace space, Genome g, String precision, Set<String> wanted) {
        Set<String> k = new HashSet<>();
        for (Kernel kernel : KernelDetector.detect(Graph.of(space.subnet(g)), 1)) {
            KernelKey key = kernel.key().withPrecision(precision);
            k.add(key.canonical());
        }
        k.retainAll(wanted);
        return k;
    }
}
