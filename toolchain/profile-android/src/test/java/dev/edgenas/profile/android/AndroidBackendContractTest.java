package dev.edgenas.profile.android;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.android.SimulatedPhone;
import dev.edgenas.android.sim.DeviceDescription;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.profile.BackendConfig;
import dev.edgenas.profile.DeviceBackendContractTest;
import dev.edgenas.profile.DeviceBackends;
import dev.edgenas.profile.DeviceFacts;
import dev.edgenas.profile.DeviceSpec;
import dev.edgenas.profile.RawOutput;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared backend contract against the simulated phone, through the real adb client and a private adb server. */
class AndroidBackendContractTest extends DeviceBackendContractTest {
    static final KernelKey SMALL = KernelKey.parse("conv;in=1x16x16x16;out=1x16x16x16;d=1x1;g=1;k=3x3;p=1,1,1,1;s=1x1;act=relu;prec=fp32");
    static final KernelKey BIG = KernelKey.parse("conv;in=1x64x16x16;out=1x64x16x16;d=1x1;g=1;k=3x3;p=1,1,1,1;s=1x1;act=relu;prec=fp32");

    @TempDir
    static Path dir;
    static SimulatedPhone phone;

    @BeforeAll
    static void plugIn() {
        phone = new SimulatedPhone(dir, DeviceDescription.typical());
    }

    @AfterAll
    static void unplug() {
        if (phone != null) {
            phone.close();
        }
    }

    static Map<String, String> options(SimulatedPhone p) {
        return Map.of(AndroidSettings.ADB_SERVER_PORT, Integer.toString(p.serverPort), AndroidSettings.REPS, "10",
                AndroidSettings.ATTEMPTS, "2", AndroidSettings.BACKOFF_MS, "100");
    }

    @Override
    protected DeviceSpec spec() {
        return new DeviceSpec("android", phone.serial());
    }

    @Override
    protected BackendConfig config() {
        return new BackendConfig(spec(), 1, "fp32", options(phone));
    }

    @Override
    protected KernelKey smallKernel() {
        return SMALL;
    }

    @Override
    protected KernelKey bigKernel() {
        return BIG;
    }

    @Override
    protected RawOutput recordedOutput() {
        // the agent's own JSON lines, as a run keeps them (header, then one kernel line per kernel)
        return new RawOutput(spec().id(), List.of(
                "{\"type\":\"header\",\"protocol\":" + dev.edgenas.agent.android.AgentMain.PROTOCOL
                        + ",\"ortVersion\":\"1.29.0\",\"cpus\":[4,5,6,7],\"threads\":1}",
                kernelLine(SMALL, "105000,99000,101000"), kernelLine(BIG, "1210000,1190000")));
    }

    private static String kernelLine(KernelKey k, String samples) {
        return "{\"type\":\"kernel\",\"kernel\":\"" + k.canonical() + "\",\"file\":\"m.onnx\",\"sessionCreateNs\":5,"
                + "\"warmupNs\":1,\"samplesNs\":[" + samples + "],\"freqBeforeKHz\":[2400000],\"freqAfterKHz\":[2400000],"
                + "\"thermalBefore\":0,\"thermalAfter\":0}";
    }

    @Override
    protected Map<String, Integer> recordedSampleCounts() {
        return Map.of(SMALL.canonical(), 3, BIG.canonical(), 2);
    }

    @Test
    void factsNameThePhoneItsClustersAndThatItIsSimulated() {
        DeviceFacts f = backend.facts();
        assertTrue(f.simulated());
        assertEquals("android", f.platform());
        assertEquals("edgenas-sim", f.extra().get("model"));
        assertEquals("arm64-v8a", f.extra().get("abi"));
        assertEquals("33", f.extra().get("sdk"));
        assertEquals("0xf0", f.extra().get("coresMask"), "big = the 2.4 GHz cluster, CPUs 4-7");
        assertTrue(f.extra().get("clusters").contains("4,5,6,7@2400MHz"), f.extra().get("clusters"));
        assertEquals(f.runtimeVersion(), f.extra().get("ortVersion"));
        assertEquals(8, f.cores());
        assertEquals("android-edgenas-sim-big.json", AndroidTables.defaultFileName(f, "fp32"));
    }

    @Test
    void aPhoneThatIsNotThereIsUnreachable() {
        DeviceSpec gone = new DeviceSpec("android", "no-such-serial");
        EdgenasException e = assertThrows(EdgenasException.class, () -> DeviceBackends.forSpec(gone)
                .create(new BackendConfig(gone, 1, "fp32", options(phone))));
        assertEquals(ExitCode.DEVICE_UNREACHABLE, e.exitCode());
        assertTrue(e.getMessage().contains("no-such-serial"), e.getMessage());
    }
}
