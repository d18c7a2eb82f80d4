package dev.edgenas.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.ir.KernelKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every device backend passes. A backend module extends this class in its tests
 * (dependency: edgenas-profile, type test-jar, scope test) and says how to reach its device (or the
 * simulator that speaks its protocol); the tests here then check discovery, device facts, the
 * profiler and the parser, each on its own and together.
 */
public abstract class DeviceBackendContractTest {
    /** The device to test against, e.g. {@code cpu}, {@code gap8:/dev/pts/5}. */
    protected abstract DeviceSpec spec();

    /** Config for the backend under test (threads, precision, options). */
    protected BackendConfig config() {
        return new BackendConfig(spec(), 1, "fp32", Map.of());
    }

    /** A small kernel and one with about 16x the work, both supported by the backend. */
    protected abstract KernelKey smallKernel();

    protected abstract KernelKey bigKernel();

    /** Raw output this backend's device could print, and the samples it holds (for the parser alone). */
    protected abstract RawOutput recordedOutput();

    protected abstract Map<String, Integer> recordedSampleCounts();

    protected DeviceBackend backend;

    @BeforeEach
    void connect() {
        backend = DeviceBackends.forSpec(spec()).create(config());
    }

    @AfterEach
    void disconnect() {
        backend.close();
        backend.close(); // twice is harmless
    }

    @Test
    void providerIsDiscoveredByServiceLoaderUnderItsName() {
        DeviceBackendProvider p = DeviceBackends.forSpec(spec());
        assertEquals(spec().backend(), p.name());
        assertFalse(p.description().isBlank());
        assertTrue(p.supports(spec()));
        assertFalse(p.supports(new DeviceSpec("no-such-backend", null)));
        assertEquals(1, DeviceBackends.available().stream().filter(x -> x.name().equals(p.name())).count());
    }

    @Test
    void factsDescribeTheDeviceForProvenance() {
        DeviceFacts f = backend.facts();
        assertEquals(spec().id(), f.deviceId());
        assertTrue(Set.of("desktop-cpu", "android", "gap8").contains(f.platform()), f.platform());
        assertFalse(f.runtime().isBlank());
        assertFalse(f.runtimeVersion().isBlank());
        assertTrue(f.cores() >= 1 && f.threads() >= 1);
        assertNotNull(f.governor());
    }

    @Test
    void parserReadsRecordedOutputAlone() {
        Map<String, Integer> counts = new HashMap<>();
        for (RawSamples s : backend.parser().parse(recordedOutput())) {
            counts.merge(s.key(), s.values().length, Integer::sum);
            for (double v : s.values()) {
                assertTrue(v > 0, "sample " + v + " of " + s.key());
            }
        }
        assertEquals(recordedSampleCounts(), counts);
    }

    @Test
    void parserRejectsGarbageWithADeviceError() {
        RawOutput junk = new RawOutput(spec().id(), List.of(SampleLines.HEADER, "sample ns conv;x 12 -3", "??"));
        EdgenasException e = assertThrows(EdgenasException.class, () -> backend.parser().parse(junk));
        assertEquals(ExitCode.DEVICE_ERROR, e.exitCode());
        assertTrue(e.getMessage().contains(spec().id()), e.getMessage());
    }

    @Test
    void profilerRunsEachKernelTheRequestedNumberOfTimes() {
        List<KernelKey> ks = List.of(smallKernel(), Kernels.EMPTY, bigKernel());
        List<RawSamples> parsed = backend.parser().parse(backend.profiler().run(ks, 1, 5));
        Map<String, RawSamples> byKey = new HashMap<>();
        parsed.forEach(s -> byKey.put(s.key(), s));
        for (KernelKey k : ks) {
            RawSamples s = byKey.get(k.canonical());
            assertNotNull(s, "no samples for " + k);
            assertEquals(5, s.values().length);
            for (double v : s.values()) {
                assertTrue(s.unit().toMillis(v, backend.facts()) > 0);
            }
        }
    }

    @Test
    void aBiggerKernelTakesLonger() {
        Map<String, Double> median = new HashMap<>();
        for (RawSamples s : backend.parser().parse(backend.profiler().run(List.of(smallKernel(), bigKernel()), 2, 15))) {
            double[] v = s.values().clone();
            java.util.Arrays.sort(v);
            median.put(s.key(), v[v.length / 2]);
        }
        assertTrue(median.get(bigKernel().canonical()) > 2 * median.get(smallKernel().canonical()), median.toString());
    }
}
