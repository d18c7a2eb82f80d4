package dev.edgenas.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.core.BadInputException;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.latency.LatencyPredictor;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.MeasurementPolicy;
import dev.edgenas.latency.TableEntry;
import dev.edgenas.models.DeepLabConfigs;
import dev.edgenas.models.DeepLabV3PlusBuilder;
import dev.edgenas.ir.Graph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An interrupted profile resumes without measuring anything twice (real CPU backend, a counting wrapper). */
class TableProfilerResumeTest {
    @TempDir
    Path dir;

    static final MeasurementPolicy QUICK = new MeasurementPolicy(1, 3, 6, 0.5, 0.95, 0.2, true, 3);

    /** Wraps a real backend and counts the kernels its profiler is asked to run. */
    static final class Counting implements DeviceBackend {
        final DeviceBackend inner;
        final Map<String, Integer> runs = new HashMap<>();

        Counting(DeviceBackend inner) {
            this.inner = inner;
        }

        @Override
        public DeviceFacts facts() {
            return inner.facts();
        }

        @Override
        public KernelProfiler profiler() {
            return new KernelProfiler() {
                @Override
                public RawOutput run(List<KernelKey> kernels, int warmup, int repetitions) {
                    kernels.forEach(k -> runs.merge(k.canonical(), 1, Integer::sum));
                    return inner.profiler().run(kernels, warmup, repetitions);
                }

                @Override
                public boolean samplesIncludeRunOverhead() {
                    return inner.profiler().samplesIncludeRunOverhead();
                }
            };
        }

        @Override
        public SampleParser parser() {
            return inner.parser();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    static final class Stop extends RuntimeException {
    }

    private static Counting cpu(int threads) {
        DeviceSpec spec = DeviceSpec.parse("cpu");
        return new Counting(DeviceBackends.forSpec(spec).create(new BackendConfig(spec, threads, "fp32", Map.of())));
    }

    @Test
    void killedAfterTheFirstCheckpointItResumesAndMeasuresOnlyWhatIsMissing() {
        Path model = dir.resolve("tiny.onnx");
        OnnxModels.write(DeepLabV3PlusBuilder.build(DeepLabConfigs.tiny(), 3), model);
        List<KernelKey> keys = SpaceSource.kernelsOf(List.of(model), "fp32").subList(0, 8);
        Path out = dir.resolve("t.json");

        List<String> firstRun;
        try (Counting first = cpu(1)) {
            assertThrows(Stop.class, () -> new TableProfiler(first, QUICK, "fp32", new TableProfiler.Listener() {
                @Override
                public void checkpointed(LatencyTable partial) {
                    throw new Stop(); // as if killed right after the first group was written
                }
            }).withInputs(Map.of("model0", model)).run(keys, out));
            firstRun = new ArrayList<>(first.runs.keySet());
        }
        LatencyTable partial = LatencyTable.read(out);
        assertFalse(partial.complete());
        assertEquals(QUICK.groupSize(), partial.size());

        List<String> reported = new ArrayList<>();
        LatencyTable done;
        try (Counting second = cpu(1)) {
            done = new TableProfiler(second, QUICK, "fp32", new TableProfiler.Listener() {
                @Override
                public void entryDone(String key, TableEntry entry) {
                    reported.add(key);
                }
            }).run(keys, out);
            for (String k : partial.entries().keySet()) {
                assertFalse(second.runs.containsKey(k), "re-measured " + k);
            }
            assertFalse(second.runs.containsKey(Kernels.EMPTY.canonical()), "re-measured the overhead");
            assertEquals(keys.size() - partial.size(), second.runs.size());
        }
        assertTrue(firstRun.contains(Kernels.EMPTY.canonical()));
        assertEquals(keys.size() - partial.size(), reported.size());
        assertTrue(done.complete());
        assertEquals(keys.size(), done.size());
        partial.entries().forEach((k, e) -> assertEquals(e, done.entries().get(k), "kept as measured: " + k));
        assertEquals(partial.overhead(), done.overhead());
        assertEquals(LatencyTable.ADD_ONCE, done.overhead().accounting());
        LatencyTable reread = LatencyTable.read(out);
        assertTrue(reread.complete());
        assertEquals(done.entries(), reread.entries());
        // the table carries the nested provenance (read back through the schema): this build, the model the keys
        // came from with its checksum, the interleaving seed, the device; a resumed run keeps the first run's record
        dev.edgenas.core.Provenance origin = reread.provenance().origin();
        assertEquals(dev.edgenas.core.Provenance.currentTool(), origin.tool());
        assertEquals(List.of(new dev.edgenas.core.Provenance.Input("model0", model.toString(),
                dev.edgenas.core.Checksums.sha256(model))), origin.inputs());
        assertEquals(TableProfiler.SAMPLER_SEED, origin.run().seed());
        assertEquals(reread.provenance().deviceId(), origin.device());
        assertEquals(partial.provenance().origin(), origin);
    }

    @Test
    void aCheckpointFromOtherSettingsIsNotResumed() {
        Path out = dir.resolve("t.json");
        List<KernelKey> keys = List.of(KernelKey.parse("add;in=1x8x8x8,1x8x8x8;out=1x8x8x8;act=none;prec=fp32"));
        try (Counting one = cpu(1)) {
            new TableProfiler(one, QUICK, "fp32", new TableProfiler.Listener() { }).run(keys, out);
        }
        try (Counting two = cpu(2)) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> new TableProfiler(two, QUICK, "fp32", new TableProfiler.Listener() { }).run(keys, out));
            assertTrue(e.getMessage().contains("provenance.threads"), e.getMessage());
        }
    }

    @Test
    void aTableOfAModelsKernelsPredictsItWithoutEstimates() {
        Path model = dir.resolve("tiny.onnx");
        OnnxModels.write(DeepLabV3PlusBuilder.build(DeepLabConfigs.tiny(), 3), model);
        LatencyTable t;
        try (Counting b = cpu(1)) {
            t = new TableProfiler(b, QUICK, "fp32", new TableProfiler.Listener() { })
                    .run(SpaceSource.kernelsOf(List.of(model), "fp32"), dir.resolve("t.json"));
        }
        var p = new LatencyPredictor(t).predict(Graph.read(model));
        assertEquals(0, p.estimatedCount());
        assertTrue(p.totalMs() > t.overheadMs());
    }
}
