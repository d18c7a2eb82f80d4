package dev.edgenas.profile;

import dev.edgenas.latency.InterleavedSampler;

import dev.edgenas.core.BadInputException;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.MeasurementPolicy;
import dev.edgenas.latency.TableEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds a latency table on any backend: measures the per-run overhead, then the kernels in groups
 * of {@code policy.groupSize()} (interleaved within a group), and after each group writes the table
 * so far atomically to the output file with {@code complete: false}. Started again on an incomplete
 * table, it keeps every entry there and measures only the missing keys, after checking that the
 * table was measured on the same device with the same settings.
 */
public final class TableProfiler {
    /** Progress callbacks (all optional). */
    public interface Listener {
        default void started(int total, int alreadyMeasured) {
        }

        default void entryDone(String key, TableEntry entry) {
        }

        default void checkpointed(LatencyTable partial) {
        }
    }

    /** The facts key of the inference runtime's execution provider, where a backend offers several. */
    public static final String EXECUTION_PROVIDER = "executionProvider";

    private final DeviceBackend backend;
    private final MeasurementPolicy policy;
    private final String precision;
    private final Listener listener;

    public TableProfiler(DeviceBackend backend, MeasurementPolicy policy, String precision, Listener listener) {
        this.backend = backend;
        this.policy = backend.profiler().deterministic() ? policy.forDeterministicDevice() : policy;
        this.precision = precision;
        this.listener = listener;
    }

    private java.util.function.UnaryOperator<LatencyTable> decorate = t -> t;

    /** Seed of the interleaving order (recorded in the table's provenance). */
    public static final long SAMPLER_SEED = 42;

    private final List<dev.edgenas.core.Provenance.Input> inputs = new ArrayList<>();

    /**
     * The files the kernel keys came from (the space's model, --model files), recorded with their checksums in
     * the table's provenance.
     */
    public TableProfiler withInputs(Map<String, Path> files) {
        dev.edgenas.core.Provenance.Builder b = dev.edgenas.core.Provenance.builder();
        files.forEach(b::input);
        inputs.addAll(b.build().inputs());
        return this;
    }

    /**
     * Applies a backend's additions (GAP8: every figure also in cycles) to each table written,
     * checkpoints included, so a killed run's file is already a table of that backend's form.
     */
    public TableProfiler decorating(java.util.function.UnaryOperator<LatencyTable> d) {
        this.decorate = d;
        return this;
    }

    private void write(LatencyTable t, Path out) {
        decorate.apply(t).write(out);
    }

    public LatencyTable run(Collection<KernelKey> keys, Path out) {
        for (KernelKey k : keys) {
            if (!k.precision().equals(precision)) {
                throw new BadInputException("kernel " + k + " has precision " + k.precision() + ", the table is " + precision);
            }
        }
        LatencyTable table = Files.exists(out) ? resume(out) : null;
        if (table == null) {
            TableEntry overhead = sampler().measure(List.of(Kernels.EMPTY), this::sample, (k, e) -> { }).get(Kernels.EMPTY);
            DeviceFacts facts = backend.facts();
            dev.edgenas.core.Provenance origin = dev.edgenas.core.Provenance.builder().inputs(inputs)
                    .seed(SAMPLER_SEED).device(facts.deviceId()).build();
            table = LatencyTable.start(Provenances.of(facts, precision, origin), policy,
                    new LatencyTable.Overhead(overhead, backend.profiler().samplesIncludeRunOverhead()
                            ? LatencyTable.SUBTRACT_PER_KERNEL_ADD_ONCE : LatencyTable.ADD_ONCE));
            write(table, out);
        }
        Map<String, String> factsBefore = table.provenance().facts() == null ? Map.of() : table.provenance().facts();
        List<KernelKey> todo = new ArrayList<>();
        for (KernelKey k : new TreeSet<>(keys.stream().map(KernelKey::canonical).toList()).stream().map(KernelKey::parse).toList()) {
            if (!table.has(k)) {
                todo.add(k);
            }
        }
        listener.started(keys.size(), keys.size() - todo.size());
        for (int i = 0; i < todo.size(); i += policy.groupSize()) {
            List<KernelKey> group = todo.subList(i, Math.min(todo.size(), i + policy.groupSize()));
            Map<String, TableEntry> measured = new LinkedHashMap<>();
            sampler().measure(group, this::sample, (k, e) -> {
                measured.put(k.canonical(), e);
                listener.entryDone(k.canonical(), e);
            });
            table = withRunFacts(table.withEntries(measured), factsBefore);
            write(table, out);
            listener.checkpointed(table);
        }
        table = withRunFacts(table, factsBefore).withComplete(true);
        DeviceFacts f = backend.facts();
        if (!ReferenceWorkloads.isThis(table.reference()) && "desktop-cpu".equals(f.platform()) && !f.simulated()) {
            table = table.withReference(ReferenceWorkloads.measure(new dev.edgenas.runtime.OrtSettings(f.threads(),
                    f.optLevel() == null ? "ALL_OPT" : f.optLevel())));
        }
        write(table, out);
        return table;
    }

    /**
     * Measures the kernels on the backend under this profiler's policy and writes nothing: the entries by
     * canonical key. The narrow entry point for callers that keep their own table (a device farm).
     */
    public Map<String, TableEntry> measure(Collection<KernelKey> keys) {
        Map<String, TableEntry> out = new java.util.TreeMap<>();
        sampler().measure(new ArrayList<>(keys), this::sample, (k, e) -> {
            out.put(k.canonical(), e);
            listener.entryDone(k.canonical(), e);
        });
        return out;
    }

    private LatencyTable withRunFacts(LatencyTable t, Map<String, String> before) {
        Map<String, String> now = backend.runFacts(before);
        return now.equals(before) ? t : t.withProvenance(t.provenance().withFacts(now));
    }

    private InterleavedSampler<KernelKey> sampler() {
        return new InterleavedSampler<>(policy, SAMPLER_SEED, backend.profiler().naturalBatch());
    }

    private Map<KernelKey, double[]> sample(List<KernelKey> kernels, int warmup, int reps) {
        return sample(backend, kernels, warmup, reps);
    }

    /** One device round: run, parse, check that every kernel got its samples, convert to ms. */
    static Map<KernelKey, double[]> sample(DeviceBackend backend, List<KernelKey> kernels, int warmup, int reps) {
        RawOutput raw = backend.profiler().run(kernels, warmup, reps);
        Map<String, RawSamples> byKey = new HashMap<>();
        for (RawSamples s : backend.parser().parse(raw)) {
            byKey.put(s.key(), s);
        }
        Map<KernelKey, double[]> ms = new HashMap<>();
        for (KernelKey k : kernels) {
            RawSamples s = byKey.get(k.canonical());
            if (s == null || s.values().length != reps) {
                throw new EdgenasException(ExitCode.DEVICE_ERROR, raw.source() + ": expected " + reps + " samples of "
                        + k + ", got " + (s == null ? "none" : s.values().length));
            }
            double[] v = new double[reps];
            for (int i = 0; i < reps; i++) {
                v[i] = s.unit().toMillis(s.values()[i], backend.facts());
            }
            ms.put(k, v);
        }
        return ms;
    }

    /** Reads a checkpoint; it must describe the same device and settings as this run. */
    private LatencyTable resume(Path out) {
        LatencyTable t = LatencyTable.read(out);
        var p = t.provenance();
        DeviceFacts f = backend.facts();
        Map<String, String[]> same = new LinkedHashMap<>();
        same.put("deviceId", new String[] {p.deviceId(), f.deviceId()});
        same.put("platform", new String[] {p.platform(), f.platform()});
        same.put("cpuModel", new String[] {String.valueOf(p.cpuModel()), String.valueOf(f.cpuModel())});
        same.put("cores", new String[] {Integer.toString(p.cores()), Integer.toString(f.cores())});
        same.put("threads", new String[] {Integer.toString(p.threads()), Integer.toString(f.threads())});
        same.put("precision", new String[] {p.precision(), precision});
        same.put("runtimeVersion", new String[] {p.runtimeVersion(), f.runtimeVersion()});
        same.put("optLevel", new String[] {String.valueOf(p.optLevel()), String.valueOf(f.optLevel())});
        // one execution provider per table (backends that have a choice record it in the facts)
        same.put("facts.executionProvider", new String[] {p.facts() == null ? "null"
                : String.valueOf(p.facts().get(EXECUTION_PROVIDER)), String.valueOf(f.extra().get(EXECUTION_PROVIDER))});
        for (Map.Entry<String, String[]> e : same.entrySet()) {
            if (!e.getValue()[0].equals(e.getValue()[1])) {
                throw BadInputException.at(out, "provenance." + e.getKey(), "the existing table was measured with "
                        + e.getValue()[0] + ", this run uses " + e.getValue()[1]
                        + ": choose another --out, or delete the file to start over");
            }
        }
        return t.withComplete(false);
    }
}
