package dev.edgenas.cli;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.core.Json;
import dev.edgenas.core.Provenance;
import dev.edgenas.deploy.WholeNetworkRunner;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.Kernel;
import dev.edgenas.ir.KernelDetector;
import dev.edgenas.models.space.Genome;
import dev.edgenas.models.space.SearchSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Subnetworks of a space run whole on a device by a {@link WholeNetworkRunner}, one checkpoint file per network
 * in {@code work/runs/} (a killed run resumes where it stopped; a network already run by the same edgenas build is
 * read back, never rerun; one run by another build is run again).
 * Each run records, per deployed layer, the kernel key the tables use for it (the layer names of the deployed
 * network are the fused kernels' names), so runs serve both validation (whole cycles) and re-timing (per key).
 */
final class WholeNetworkRuns {
    /** One network's run as checkpointed. */
    record Run(String name, String genome, double ms, Long cycles, String checksum, double wallSeconds,
               List<LayerRun> layers, int unmatchedLayers, String executor) {
    }

    /** A deployed layer: its name, the table key of its kernel (null when none matches) and its cycles. */
    record LayerRun(String name, String key, long cycles) {
    }

    private WholeNetworkRuns() {
    }

    static List<Run> run(WholeNetworkRunner runner, SearchSpace space, Map<String, Genome> nets, String precision,
                         Path work, IntConsumer progress) {
        List<Run> out = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Genome> e : nets.entrySet()) {
            String safe = e.getKey().replaceAll("[^A-Za-z0-9._-]", "_");
            Path file = work.resolve("runs").resolve(safe + ".json");
            Run r = Files.isRegularFile(file) ? Json.readFile(file, Run.class) : null;
            if (r != null && !executor(runner).equals(r.executor())) {
                // made by another edgenas build: its executor, kernels or tiles may differ, so its cycles are stale
                System.err.println("edgenas: " + file + " was run by " + r.executor() + ", not " + executor(runner)
                        + ": running the network again");
                r = null;
            }
            if (r == null) {
                r = once(runner, e.getKey(), e.getValue(), space.subnet(e.getValue()), precision,
                        work.resolve("build").resolve(safe));
                Json.writeFile(file, r);
            }
            out.add(r);
            progress.accept(++i);
        }
        return out;
    }

    private static Run once(WholeNetworkRunner runner, String name, Genome g, ModelProto fp32, String precision,
                            Path dir) {
        Map<String, String> keyOf = new HashMap<>();
        for (Kernel k : KernelDetector.detect(Graph.of(fp32), 1)) {
            keyOf.put(k.name(), k.key().withPrecision(precision).canonical());
        }
        WholeNetworkRunner.Result res = runner.run(name, fp32, dir);
        List<LayerRun> layers = new ArrayList<>();
        int unmatched = 0;
        for (WholeNetworkRunner.Layer l : res.layers()) {
            String key = keyOf.get(l.name());
            unmatched += key == null ? 1 : 0;
            layers.add(new LayerRun(l.name(), key, l.cycles()));
        }
        return new Run(name, g.key(), res.ms(), res.cycles(), res.checksum(), res.wallSeconds(), layers, unmatched,
                executor(runner));
    }

    /** What made a run: the runner and the edgenas build (its deploy code, kernels and tile solver). */
    static String executor(WholeNetworkRunner runner) {
        return runner.name() + " " + Provenance.toolVersion() + " " + Provenance.currentGitCommit();
    }
}
