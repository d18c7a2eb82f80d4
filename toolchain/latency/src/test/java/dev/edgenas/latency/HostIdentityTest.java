package dev.edgenas.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class HostIdentityTest {
    private static TableProvenance cpu(String model, int cores, String ort, String platform, boolean simulated) {
        return new TableProvenance("cpu", model, platform, simulated, model, cores, "unknown", null, null,
                "onnxruntime", ort, 1, "ALL_OPT", "fp32", "2026-01-01T00:00:00Z", "0.1.0", "unknown", "test",
                new TreeMap<>(Map.of("os", "Linux")), null);
    }

    private final HostIdentity host = new HostIdentity("Intel(R) Xeon(R) Processor", 2, "1.29.0");

    @Test
    void aTableOfThisHostIsRecognisedAndSaysNothing() {
        TableProvenance p = cpu("Intel(R) Xeon(R) Processor", 2, "1.29.0", "desktop-cpu", false);
        assertTrue(host.describes(p));
        assertTrue(host.warning("t.json", p).isEmpty());
    }

    @Test
    void anotherCpuModelCoreCountOrRuntimeIsAnotherMachine() {
        TableProvenance amd = cpu("AMD EPYC", 2, "1.29.0", "desktop-cpu", false);
        assertFalse(host.describes(amd));
        String w = host.warning("latency-tables/cpu-x86.json", amd).orElseThrow();
        assertTrue(w.contains("latency-tables/cpu-x86.json") && w.contains("AMD EPYC") && !w.contains("\n"), w);
        assertEquals(1, host.differences(cpu("Intel(R) Xeon(R) Processor", 4, "1.29.0", "desktop-cpu", false)).size());
        assertEquals(1, host.differences(cpu("Intel(R) Xeon(R) Processor", 2, "1.22.0", "desktop-cpu", false)).size());
    }

    @Test
    void phoneAndSimulatedTablesAreNotHostTablesAndGetNoCpuWarning() {
        TableProvenance phone = cpu("Snapdragon", 8, "1.29.0", "android", false);
        assertFalse(host.describes(phone));
        assertTrue(host.warning("p.json", phone).isEmpty());
        assertFalse(host.describes(cpu("Intel(R) Xeon(R) Processor", 2, "1.29.0", "desktop-cpu", true)));
    }

    @Test
    void cacheFileNamesSeparateSettingsAndMachines() {
        String a = host.tableFileName(1, "ALL_OPT", "fp32");
        assertEquals("cpu-intel-r-xeon-r-processor-2c-ort1.29.0-t1-all_opt-fp32.json", a);
        assertFalse(a.equals(host.tableFileName(1, "ALL_OPT", "int8")));
        assertFalse(a.equals(new HostIdentity("AMD EPYC", 2, "1.29.0").tableFileName(1, "ALL_OPT", "fp32")));
    }
}
