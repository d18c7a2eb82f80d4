package dev.edgenas.profile.gap8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.gap8.Gap8Options;
import dev.edgenas.gap8.Gap8Platform;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.profile.BackendConfig;
import dev.edgenas.profile.DeviceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Gap8SettingsTest {
    private static BackendConfig config(String device, String precision, Map<String, String> o) {
        return new BackendConfig(DeviceSpec.parse(device), 0, precision, o);
    }

    @Test
    void thePortComesFromTheDeviceTargetAndTheDefaultsAreABoard() {
        Gap8Options o = Gap8Settings.of(config("gap8:/dev/ttyUSB1", "int8", Map.of(Gap8Settings.CL_MHZ, "100")));
        assertEquals("/dev/ttyUSB1", o.port());
        assertEquals(Gap8Platform.BOARD, o.platform());
        assertEquals(100_000_000L, o.clHz());
        assertEquals(250_000_000L, o.fcHz());
        assertEquals(8, o.cores());
        assertEquals("gap8-gapuino-fc250-cl100.json", Gap8Tables.defaultFileName(config("gap8:/dev/ttyUSB1", "int8",
                Map.of(Gap8Settings.CL_MHZ, "100"))));
        assertEquals("gap8-host-sim-fc250-cl175.json", Gap8Tables.defaultFileName(config("gap8", "int8",
                Map.of(Gap8Settings.PLATFORM, "host-sim"))));
    }

    @Test
    void usageErrorsSayWhatToDo() {
        EdgenasException fp32 = assertThrows(EdgenasException.class, () -> Gap8Settings.of(config("gap8:/dev/x", "fp32", Map.of())));
        assertEquals(ExitCode.USAGE, fp32.exitCode());
        assertTrue(fp32.getMessage().contains("GAP8 profiles int8"), fp32.getMessage());
        assertEquals(ExitCode.USAGE, assertThrows(EdgenasException.class, () -> Gap8Settings.of(config("gap8", "int8", Map.of())))
                .exitCode());
        assertEquals(ExitCode.USAGE, assertThrows(EdgenasException.class, () -> Gap8Settings.of(config("gap8:/dev/x", "int8",
                Map.of(Gap8Settings.PLATFORM, "host-sim")))).exitCode());
        assertEquals(ExitCode.USAGE, assertThrows(EdgenasException.class, () -> Gap8Settings.of(config("gap8:/dev/x", "int8",
                Map.of(Gap8Settings.PLATFORM, "fpga")))).exitCode());
        assertEquals(ExitCode.USAGE, assertThrows(EdgenasException.class, () -> Gap8Settings.of(config("gap8:/dev/x", "int8",
                Map.of(Gap8Settings.CL_MHZ, "fast")))).exitCode());
    }

    @Test
    void unsupportedKernelsComeWithTheirReason() {
        KernelKey conv = KernelKey.parse("conv;in=1x16x16x16;out=1x16x16x16;d=1x1;g=1;k=1x1;p=0,0,0,0;s=1x1;act=relu;prec=int8");
        KernelKey mul = KernelKey.parse("mul;in=1x16x16x16,1x16x16x16;out=1x16x16x16;act=none;prec=int8");
        KernelKey huge = KernelKey.parse("conv;in=1x256x64x64;out=1x256x64x64;d=1x1;g=1;k=1x1;p=0,0,0,0;s=1x1;act=relu;prec=int8");
        Map<String, String> u = Gap8Tables.unsupported(List.of(conv, mul, huge),
                Gap8Settings.of(config("gap8:/dev/x", "int8", Map.of())));
        assertEquals(2, u.size(), u.toString());
        assertTrue(u.get(mul.canonical()).contains("no en_* kernel"), u.toString());
        assertTrue(u.get(huge.canonical()).contains("L2 budget"), u.toString());
    }
}
