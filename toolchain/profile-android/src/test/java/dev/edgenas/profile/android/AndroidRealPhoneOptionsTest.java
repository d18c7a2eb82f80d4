package dev.edgenas.profile.android;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.android.SimulatedPhone;
import dev.edgenas.android.sim.DeviceDescription;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.MeasurementPolicy;
import dev.edgenas.profile.BackendConfig;
import dev.edgenas.profile.DeviceSpec;
import dev.edgenas.profile.TableProfiler;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --ep, the clock check in the table's provenance, and the AAR version, against the simulated phone. */
class AndroidRealPhoneOptionsTest {
    static final MeasurementPolicy QUICK = new MeasurementPolicy(1, 3, 6, 0.5, 0.95, 0.2, true, 8);

    @TempDir
    Path dir;

    private static AndroidBackend backend(SimulatedPhone p, String... more) {
        Map<String, String> o = new HashMap<>(AndroidBackendContractTest.options(p));
        for (int i = 0; i < more.length; i += 2) {
            o.put(more[i], more[i + 1]);
        }
        return AndroidBackend.connect(new BackendConfig(new DeviceSpec("android", p.serial()), 1, "fp32", o), s -> { });
    }

    private static LatencyTable profile(AndroidBackend b, List<KernelKey> keys, Path out) {
        try (b) {
            return new TableProfiler(b, QUICK, "fp32", new TableProfiler.Listener() { }).run(keys, out);
        }
    }

    @Test
    void roundsBelowTheClusterMaximumAreCountedInTheTablesProvenanceAcrossAResume() {
        // The first agent run (the table's overhead measurement) has every clock at half its maximum.
        try (SimulatedPhone phone = new SimulatedPhone(dir, DeviceDescription.typical().withClockDrop(1, 50))) {
            Path out = dir.resolve("t.json");
            LatencyTable first = profile(backend(phone, AndroidSettings.CLOCK_CHECK, "flag"),
                    List.of(AndroidBackendContractTest.SMALL), out);
            Map<String, String> f = first.provenance().facts();
            assertEquals("cpu", f.get(TableProfiler.EXECUTION_PROVIDER));
            assertTrue(f.get("clockCheck").startsWith("flag"), f.get("clockCheck"));
            assertEquals("1", f.get(AndroidRunFacts.CLOCK_BELOW), f.toString());
            assertEquals("0.500", f.get(AndroidRunFacts.CLOCK_LOWEST));
            assertEquals("0", f.get(AndroidRunFacts.CLOCK_REJECTED));
            assertEquals("ONNX Runtime's own loader (not Android)", f.get("agentNativeLoad"));
            assertTrue(f.get("agentVm").contains("java.vendor"), f.get("agentVm"));
            long checked = Long.parseLong(f.get(AndroidRunFacts.CLOCK_CHECKED));
            assertTrue(checked >= 2, f.toString());

            // resumed with one more kernel: the counters continue, the slow round stays on record
            LatencyTable second = profile(backend(phone, AndroidSettings.CLOCK_CHECK, "flag"),
                    List.of(AndroidBackendContractTest.SMALL, AndroidBackendContractTest.BIG), out);
            Map<String, String> g = second.provenance().facts();
            assertEquals(2, second.size());
            assertTrue(Long.parseLong(g.get(AndroidRunFacts.CLOCK_CHECKED)) > checked, g.toString());
            assertEquals("1", g.get(AndroidRunFacts.CLOCK_BELOW));
            assertEquals("0.500", g.get(AndroidRunFacts.CLOCK_LOWEST));

            // a table is for one provider: resuming it with another is refused, naming the field
            BadInputException e = assertThrows(BadInputException.class, () -> profile(backend(phone, AndroidSettings.EP,
                    "xnnpack"), List.of(AndroidBackendContractTest.SMALL), out));
            assertTrue(e.getMessage().contains("provenance.facts.executionProvider"), e.getMessage());
        }
    }

    @Test
    void theProviderNamesTheTableAndOneTheRuntimeLacksIsAClearDeviceError() {
        try (SimulatedPhone phone = new SimulatedPhone(dir, DeviceDescription.typical())) {
            AndroidBackend b = backend(phone, AndroidSettings.EP, "xnnpack");
            assertEquals("android-edgenas-sim-big-xnnpack.json", AndroidTables.defaultFileName(b.facts(), "fp32"));
            assertTrue(b.facts().description().contains("xnnpack provider"), b.facts().description());
            EdgenasException e = assertThrows(EdgenasException.class,
                    () -> profile(b, List.of(AndroidBackendContractTest.SMALL), dir.resolve("x.json")));
            assertEquals(ExitCode.DEVICE_ERROR, e.exitCode());
            assertTrue(e.getMessage().contains("no XnnpackExecutionProvider"), e.getMessage());
            EdgenasException bad = assertThrows(EdgenasException.class, () -> backend(phone, AndroidSettings.EP, "gpu"));
            assertEquals(ExitCode.USAGE, bad.exitCode());
        }
    }

    @Test
    void anAarNamedForAnotherVersionIsRefusedBeforeAnythingIsPushed() {
        AndroidBackend.checkAarVersion(Path.of("onnxruntime-android-1.29.0.aar"));
        AndroidBackend.checkAarVersion(Path.of("renamed.aar")); // the agent's version check covers this one
        EdgenasException e = assertThrows(EdgenasException.class,
                () -> AndroidBackend.checkAarVersion(Path.of("/x/onnxruntime-android-1.22.0.aar")));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("is ONNX Runtime 1.22.0") && e.getMessage().contains("1.29.0"), e.getMessage());
    }
}
