package dev.edgenas.profile;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.Provenance;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.KernelDetector;
import dev.edgenas.latency.LatencyPredictor;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.MeasurementPolicy;
import dev.edgenas.latency.Prediction;
import dev.edgenas.latency.TableEntry;
import dev.edgenas.latency.ValidationStats;
import dev.edgenas.profile.cpu.CpuBackend;
import dev.edgenas.runtime.NetworkTimer;
import dev.edgenas.runtime.OrtSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Compares a desktop CPU table's predictions with the measured end-to-end latency of whole
 * networks, timed in ONNX Runtime with the table's threads and optimisation level, by the same
 * interleaved, CI-stopped loop that built the table. An int8 table is compared with the networks' deployed int8
 * form, which the caller supplies (the quantizer lives in the deploy module).
 */
public final class TableValidator {
    /**
     * A network to validate on.
     *
     * @param name  genome key or model name
     * @param model the float network (its kernels are looked up in the table, at the table's precision)
     * @param run   the network timed: the float one for an fp32 table, its deployed int8 QDQ form for an int8 table
     */
    public record Network(String name, ModelProto model, ModelProto run) {
        public Network(String name, ModelProto model) {
            this(name, model, model);
        }
    }

    /** The table's prediction for a float network: its kernels at the table's precision (as deploy predicts). */
    public static Prediction predict(LatencyPredictor predictor, ModelProto fp32) {
        String precision = predictor.table().provenance().precision();
        if (precision.equals("fp32")) {
            return predictor.predict(Graph.of(fp32));
        }
        return predictor.predict(KernelDetector.detect(Graph.of(fp32), 1).stream()
                .map(k -> k.key().withPrecision(precision)).toList());
    }

    private final LatencyTable table;
    private final MeasurementPolicy policy;

    public TableValidator(LatencyTable table, MeasurementPolicy policy) {
        this.table = table;
        this.policy = policy;
        if (!table.provenance().platform().equals("desktop-cpu")) {
            throw new BadInputException("validating a " + table.provenance().platform()
                    + " table needs that device; this command validates desktop-cpu tables");
        }
    }

    /** Default end-to-end stopping rule: {@link NetworkTimer#defaultPolicy()}. */
    public static MeasurementPolicy defaultPolicy() {
        return NetworkTimer.defaultPolicy();
    }

    /** Median end-to-end latency of each network, by {@link NetworkTimer} (the one whole-network timer). */
    public static Map<String, TableEntry> measure(List<Network> networks, OrtSettings settings, MeasurementPolicy policy,
                                                  IntConsumer progress) {
        Map<String, ModelProto> runs = new java.util.LinkedHashMap<>();
        networks.forEach(n -> runs.put(n.name(), n.run()));
        return NetworkTimer.measure(runs, settings, policy, progress);
    }

    public ValidationReport validate(String tableName, List<Network> networks, Map<String, String> networkSource,
                                     IntConsumer progress) {
        OrtSettings settings = new OrtSettings(table.provenance().threads(),
                table.provenance().optLevel() == null ? "ALL_OPT" : table.provenance().optLevel());
        LatencyPredictor predictor = new LatencyPredictor(table);
        Map<String, String> conditions = new LinkedHashMap<>();
        conditions.put("loadAverageBefore", dev.edgenas.core.HostInfo.loadAverage());
        Map<String, Prediction> predictions = new HashMap<>();
        for (Network n : networks) {
            predictions.put(n.name(), predict(predictor, n.model()));
        }
        Double refBefore = reference();
        Map<String, TableEntry> measured = measure(networks, settings, policy, progress);
        Double refAfter = reference();
        conditions.put("loadAverageAfter", dev.edgenas.core.HostInfo.loadAverage());
        conditions.put("cpu", table.provenance().cpuModel());
        conditions.put("threads", Integer.toString(settings.threads()));
        conditions.put("optLevel", settings.optLevel());
        List<ValidationStats.Case> cases = new ArrayList<>();
        List<ValidationStats.Case> calibrated = new ArrayList<>();
        for (Network n : networks) {
            Prediction p = predictions.get(n.name());
            TableEntry m = measured.get(n.name());
            cases.add(new ValidationStats.Case(n.name(), p.totalMs(), m.median(), m.ciRel(), p.estimatedCount()));
            if (p.calibratedMs() != null) {
                calibrated.add(new ValidationStats.Case(n.name(), p.calibratedMs(), m.median(), m.ciRel(),
                        p.estimatedCount()));
            }
        }
        ValidationReport.ReferenceCheck ref = null;
        if (refBefore != null) {
            double now = (refBefore + refAfter) / 2;
            double factor = table.reference().factor(now);
            ref = new ValidationReport.ReferenceCheck(table.reference().totalMs(), now, factor,
                    ValidationStats.of(adjusted(cases, factor), 5),
                    calibrated.isEmpty() ? null : ValidationStats.of(adjusted(calibrated, factor), 5));
        }
        Map<String, String> device = new LinkedHashMap<>();
        device.put("deviceId", table.provenance().deviceId());
        device.put("threads", Integer.toString(table.provenance().threads()));
        device.put("precision", table.provenance().precision());
        device.put("createdAt", table.provenance().createdAt());
        device.put("entries", Integer.toString(table.size()));
        return new ValidationReport(tableName, device, networkSource, conditions, policy,
                ValidationStats.of(cases, 5), calibrated.isEmpty() ? null : ValidationStats.of(calibrated, 5), ref,
                cases, Provenance.now());
    }

    /** Cases with the measured latency divided by the machine-state factor: the table's error apart from drift. */
    private static List<ValidationStats.Case> adjusted(List<ValidationStats.Case> cases, double factor) {
        return cases.stream().map(c -> new ValidationStats.Case(c.name(), c.predictedMs(), c.measuredMs() / factor,
                c.measuredCiRel(), c.estimatedKernels())).toList();
    }

    /** The table's reference workload measured now on this CPU with the table's settings, or null without one. */
    private Double reference() {
        if (!ReferenceWorkloads.isThis(table.reference())) {
            return null;
        }
        return ReferenceWorkloads.measure(new OrtSettings(table.provenance().threads(),
                table.provenance().optLevel() == null ? "ALL_OPT" : table.provenance().optLevel())).totalMs();
    }
}
