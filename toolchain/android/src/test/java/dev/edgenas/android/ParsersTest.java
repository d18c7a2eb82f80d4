package dev.edgenas.android;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.android.sim.DeviceDescription;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.EdgenasException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure parsers: adb devices -l, device facts, agent output lines, device descriptions. */
class ParsersTest {
    @Test
    void devicesListWithUsbTcpOfflineAndUnauthorizedPhones() {
        String out = "* daemon started successfully\nList of devices attached\n"
                + "R58M12ABCDE            device usb:1-1.2 product:beyond1lteeea model:SM_G973F device:beyond1 transport_id:3\n"
                + "192.168.1.7:5555       offline transport_id:4\n"
                + "0123456789ABCDEF       unauthorized usb:1-1.3 transport_id:5\n\n";
        List<AdbDeviceInfo> d = AdbDeviceInfo.parseDevicesList(out);
        assertEquals(3, d.size());
        assertTrue(d.get(0).online());
        assertEquals("SM_G973F", d.get(0).model());
        assertEquals("3", d.get(0).attributes().get("transport_id"));
        assertEquals("offline", d.get(1).state());
        assertEquals("unauthorized", d.get(2).state());
        assertFalse(d.get(2).online());
    }

    @Test
    void factsFromGetpropAndPolicies() {
        AndroidDeviceFacts f = AndroidDeviceFacts.parse("S", List.of("Pixel 7", "gs201", "arm64-v8a", "34", ""),
                List.of("policy0", "policy4", "policy6"), "0 1 2 3\n1803000\n4 5\n2348000\n6 7\n2850000\n");
        assertFalse(f.simulated());
        assertEquals(34, f.sdk());
        assertEquals(List.of(6, 7), f.bigCluster().cpus());
        assertEquals(0xc0, f.bigCluster().mask());
        assertEquals(0xff, f.allCpusMask());
        assertThrows(EdgenasException.class, () -> AndroidDeviceFacts.parse("S", List.of("a", "b", "c", "1", ""),
                List.of("policy0"), "0 1\n"));
    }

    @Test
    void agentOutputWithATruncatedLineAndAnError() {
        String text = "{\"type\":\"header\",\"protocol\":2,\"ortVersion\":\"1.29.0\"}\n"
                + "{\"type\":\"kernel\",\"kernel\":\"k1\",\"file\":\"a.onnx\",\"sessionCreateNs\":5,\"warmupNs\":1,"
                + "\"samplesNs\":[10,11],\"freqBeforeKHz\":[1,2],\"freqAfterKHz\":[1,2],\"thermalBefore\":0,\"thermalAfter\":1}\n"
                + "{\"type\":\"error\",\"kernel\":\"k2\",\"file\":\"b.onnx\",\"message\":\"bad op\"}\n"
                + "{\"type\":\"kernel\",\"kernel\":\"k3\",\"fi";
        AgentOutput o = AgentOutputParser.parse(text, "x.jsonl", 2);
        assertEquals(List.of(10L, 11L), o.kernels().get("k1").samplesNs());
        assertEquals(2, o.kernels().get("k1").round());
        assertTrue(o.kernels().get("k1").throttled());
        assertEquals("bad op", o.errors().get("k2"));
        assertEquals(1, o.badLines());
        assertFalse(o.done());
        BadInputException e = assertThrows(BadInputException.class, () -> AgentOutputParser.parse(
                "{\"type\":\"kernel\",\"kernel\":\"k\",\"file\":\"f\",\"sessionCreateNs\":\"x\"}", "y.jsonl", 1));
        assertTrue(e.getMessage().contains("y.jsonl: line 1: sessionCreateNs"), e.getMessage());
        assertThrows(BadInputException.class, () -> AgentOutputParser.parse("{\"type\":\"header\",\"protocol\":99}", "z", 1));
    }

    @Test
    void aFatalLineIsReadAndClocksAreJudgedOnThePinnedCoresOnly() {
        AgentOutput fatal = AgentOutputParser.parse("{\"type\":\"fatal\",\"message\":\"ORT is 1.22.0\"}\n", "f", 1);
        assertEquals("ORT is 1.22.0", fatal.fatal());
        AndroidDeviceFacts facts = new AndroidDeviceFacts("s", "m", "b", "arm64-v8a", 33, false,
                List.of(new CpuCluster(0, List.of(0, 1), 1_000_000), new CpuCluster(2, List.of(2, 3), 2_000_000)));
        // the big cluster was at its maximum after warm-up (cpu3 unreadable then) and fell to 1.8 GHz
        KernelSample k = new KernelSample("k", "f", 1, 1, 1, List.of(5L), List.of(500_000L, 500_000L, 2_000_000L, -1L),
                List.of(500_000L, 500_000L, 1_800_000L, 1_800_000L), 0, 0);
        ClockReading big = ClockReading.of(k, null, facts, 0xc);
        assertTrue(big.known() && big.belowMax());
        assertEquals("cpu2 at 1800 MHz of 2000 MHz", big.describe());
        assertTrue(ClockReading.of(k, null, facts, 0x3).belowMax(), "the little cluster at half its maximum");
        // a mask over both clusters judges the one running fastest: the other may just be idle
        KernelSample onBig = new KernelSample("k", "f", 1, 1, 1, List.of(5L), List.of(500_000L, 500_000L, 2_000_000L,
                2_000_000L), List.of(500_000L, 500_000L, 2_000_000L, 2_000_000L), 0, 0);
        assertFalse(ClockReading.of(onBig, null, facts, 0xf).belowMax());
        assertTrue(ClockReading.of(onBig, null, facts, 0x3).belowMax());
        // the agent's arrays follow its CPU list: here it saw only cpus 2 and 3
        KernelSample two = new KernelSample("k", "f", 1, 1, 1, List.of(5L), List.of(2_000_000L, 2_000_000L),
                List.of(2_000_000L, 2_000_000L), 0, 0);
        assertFalse(ClockReading.of(two, List.of(2, 3), facts, 0xc).belowMax());
        KernelSample unreadable = new KernelSample("k", "f", 1, 1, 1, List.of(5L), List.of(-1L, -1L, -1L, -1L),
                List.of(-1L, -1L, -1L, -1L), 0, 0);
        ClockReading none = ClockReading.of(unreadable, null, facts, 0xc);
        assertFalse(none.known() || none.belowMax());
        assertEquals(new ClockStats(1, 1, 0, 1, 0.9), ClockStats.kept(big).plus(ClockStats.kept(none)));
    }

    @Test
    void deviceDescriptionsAreValidatedWithFileAndField(@TempDir Path dir) throws Exception {
        Path ok = Files.writeString(dir.resolve("ok.json"), "{\"model\":\"m\",\"clusters\":[{\"cpus\":[0,1],\"maxKHz\":1000}]}");
        assertEquals(0b11, DeviceDescription.read(ok).clusters().get(0).cpus().stream().mapToInt(c -> 1 << c).sum());
        Path dup = Files.writeString(dir.resolve("dup.json"), "{\"clusters\":[{\"cpus\":[0],\"maxKHz\":1},{\"cpus\":[0],\"maxKHz\":2}]}");
        BadInputException e = assertThrows(BadInputException.class, () -> DeviceDescription.read(dup));
        assertTrue(e.getMessage().contains("dup.json: clusters[1].cpus"), e.getMessage());
        Path typo = Files.writeString(dir.resolve("typo.json"), "{\"modle\":\"m\"}");
        assertTrue(assertThrows(BadInputException.class, () -> DeviceDescription.read(typo)).getMessage().contains("typo.json"));
    }
}
