package dev.edgenas.profile.gap8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.gap8.device.SocatPair;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.profile.BackendConfig;
import dev.edgenas.profile.DeviceBackendContractTest;
import dev.edgenas.profile.DeviceFacts;
import dev.edgenas.profile.DeviceSpec;
import dev.edgenas.profile.RawOutput;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared backend contract against the GAP8 host-sim: the generated firmware, built with gcc,
 * writes its frames into one end of a socat pty pair that stays up like a board's UART; the
 * backend reads the other end with jSerialComm, as it would /dev/ttyUSB1.
 */
class Gap8BackendContractTest extends DeviceBackendContractTest {
    static final KernelKey SMALL = KernelKey.parse("conv;in=1x16x16x16;out=1x16x16x16;d=1x1;g=1;k=1x1;p=0,0,0,0;s=1x1;act=relu;prec=int8");
    static final KernelKey BIG = KernelKey.parse("conv;in=1x64x16x16;out=1x64x16x16;d=1x1;g=1;k=1x1;p=0,0,0,0;s=1x1;act=relu;prec=int8");

    @TempDir
    static Path dir;
    static SocatPair uart;

    @BeforeAll
    static void openUart() {
        Tools.require("gcc", "gcc");
        Tools.require("socat", "socat");
        uart = SocatPair.open(dir, "uart");
    }

    @AfterAll
    static void closeUart() {
        if (uart != null) {
            uart.close();
        }
    }

    @Override
    protected DeviceSpec spec() {
        return new DeviceSpec("gap8", uart.host().toString());
    }

    @Override
    protected BackendConfig config() {
        return new BackendConfig(spec(), 0, "int8", Map.of(Gap8Settings.PLATFORM, "host-sim",
                Gap8Settings.SIM_TTY, uart.device().toString(), Gap8Settings.CL_MHZ, "100", Gap8Settings.FC_MHZ, "200",
                Gap8Settings.WORK_DIR, dir.resolve("work").toString()));
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
        // recorded from a host-sim run of these two kernels at these clocks (see the resources' README)
        return Recordings.output(spec().id(), Recordings.twoConvs(Recordings.bytes("host-sim-conv16-conv64.uart")));
    }

    @Override
    protected Map<String, Integer> recordedSampleCounts() {
        return Map.of(SMALL.canonical(), 3, BIG.canonical(), 3);
    }

    @Test
    void factsCarryTheClocksReadBackAndMarkHostSim() {
        DeviceFacts f = backend.facts();
        assertEquals(100_000_000L, f.clocksHz().get(DeviceFacts.COMPUTE_CLOCK));
        assertEquals(200_000_000L, f.clocksHz().get("fc"));
        assertTrue(f.simulated());
        assertEquals("host-sim", f.extra().get("gap8Platform"));
        assertEquals("false", f.extra().get("gap8Latency"));
        assertTrue(f.description().contains("NOT GAP8 latency"), f.description());
        assertEquals(8, f.threads());
        assertFalse(((Gap8Backend) backend).isGap8Latency());
    }

    @Test
    void parserRefusesCyclesAtAnotherClock() {
        RawOutput other = Recordings.output(spec().id(), Recordings.fiveAt175(Recordings.bytes("host-sim-5kernels-cl175.uart")));
        EdgenasException e = assertThrows(EdgenasException.class, () -> backend.parser().parse(other));
        assertEquals(ExitCode.DEVICE_ERROR, e.exitCode());
        assertTrue(e.getMessage().contains("175000000"), e.getMessage());
    }
}
