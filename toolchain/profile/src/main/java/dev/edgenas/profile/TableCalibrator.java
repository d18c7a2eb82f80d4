package dev.edgenas.profile;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.latency.Calibration;
import dev.edgenas.latency.LatencyPredictor;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.MeasurementPolicy;
import dev.edgenas.latency.TableEntry;
import dev.edgenas.models.space.Genome;
import dev.edgenas.models.space.SearchSpace;
import dev.edgenas.runtime.OrtSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

/**
 * Calibrates a desktop-CPU table on whole networks: measures {@code count} random subnetworks of the space end to
 * end in ONNX Runtime with the table's settings and fits a {@link Calibration} of the kernel sum to them. The
 * networks come from their own seed ({@value #SEED}), and validation leaves out any network seen here. The table's
 * reference workload is measured before and after the networks: measured latency is divided by its factor (now vs
 * when the kernels were profiled), so that the fit corrects the table's error, not the machine's state at the time.
 */
public final class TableCalibrator {
    /** Sampling seed of calibration networks (validation samples with its own seed and skips these anyway). */
    public static final long SEED = 1_000_017L;

    /** End-to-end stopping rule: 2 % CI, at most 1.5 s per network. */
    public static MeasurementPolicy policy() {
        return new MeasurementPolicy(3, 15, 300, 0.02, 0.95, 1.5, true, Integer.MAX_VALUE);
    }

    private TableCalibrator() {
    }

    /** Distinct random subnetworks (never the full network: validation always includes it). */
    public static List<Genome> sample(SearchSpace space, int count, long seed, Set<String> exclude) {
        Random rng = new Random(seed);
        Set<String> seen = new LinkedHashSet<>(exclude);
        seen.add(space.full().key());
        List<Genome> out = new ArrayList<>();
        for (int tries = 0; out.size() < count && tries < 100 * count; tries++) {
            Genome g = space.sample(rng);
            if (seen.add(g.key())) {
                out.add(g);
            }
        }
        return out;
    }

    /**
     * @param toRun the network to time for a float subnetwork: itself for an fp32 table, its deployed int8 form for
     *              an int8 table
     */
    public static LatencyTable calibrate(LatencyTable table, SearchSpace space, int count,
                                         UnaryOperator<ModelProto> toRun, IntConsumer progress) {
        OrtSettings settings = new OrtSettings(table.provenance().threads(),
                table.provenance().optLevel() == null ? "ALL_OPT" : table.provenance().optLevel());
        List<TableValidator.Network> nets = new ArrayList<>();
        for (Genome g : sample(space, count, SEED, Set.of())) {
            ModelProto m = space.subnet(g);
            nets.add(new TableValidator.Network(g.key(), m, toRun.apply(m)));
        }
        double before = ReferenceWorkloads.measure(settings).totalMs();
        Map<String, TableEntry> measured = TableValidator.measure(nets, settings, policy(), progress);
        double after = ReferenceWorkloads.measure(settings).totalMs();
        double factor = ReferenceWorkloads.isThis(table.reference()) ? table.reference().factor((before + after) / 2) : 1;
        LatencyPredictor raw = new LatencyPredictor(table.withCalibration(null));
        List<Calibration.Sample> samples = new ArrayList<>();
        for (TableValidator.Network n : nets) {
            samples.add(new Calibration.Sample(n.name(), TableValidator.predict(raw, n.model()),
                    measured.get(n.name()).median() / factor));
        }
        String how = String.format("ONNX Runtime %d thread(s), %s, median of interleaved end-to-end runs (2 %% CI or "
                + "1.5 s per network) divided by the machine-state factor %.3f of the reference workload, load %s",
                settings.threads(), settings.optLevel(), factor, dev.edgenas.core.HostInfo.loadAverage());
        return table.withCalibration(Calibration.fit(samples, how));
    }
}
